#!/usr/bin/python3
"""Dev loop for the toy SAM decoder: the SAM figures of evaluate.py on one split with the *Python*
decoder of zoo_sam.py (U-Net weights taken from an existing sam-decoder.pt), encoder outputs cached.

    /usr/bin/python3 tools/toy-zoo/sam_dev.py --world /tmp/toy-seed7 --weights models/toy/sam-decoder.pt \
        --split train [--cache /tmp/sam-emb-train.pt] [--details out.json] [--script]

Tune on ``--split train``; confirm on held-out only.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import World  # noqa: E402
import evaluate  # noqa: E402
import zoo_sam  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--world", required=True)
    ap.add_argument("--weights", required=True)
    ap.add_argument("--split", default="train")
    ap.add_argument("--cache")
    ap.add_argument("--details")
    ap.add_argument("--script", action="store_true", help="run the TorchScript-compiled decoder")
    args = ap.parse_args()
    torch.set_num_threads(2)
    world = World(args.world, args.split)
    enc = zoo_sam.SamEncoder().eval()
    dec = zoo_sam.SamDecoder()
    sd = torch.jit.load(args.weights).state_dict()
    dec.load_state_dict({k: v for k, v in sd.items() if k.startswith("net.")}, strict=False)
    dec.eval()
    if args.script:
        dec = torch.jit.script(dec)
    cache = {}
    if args.cache and os.path.exists(args.cache):
        cache = torch.load(args.cache)

    def embed(img, x):
        k = img["file_name"]
        if k not in cache:
            cache[k] = enc(x).half()
        return cache[k].float()
    details = []
    t0 = time.time()
    f = evaluate.eval_sam(world, None, np.random.RandomState(0), enc=enc, dec=dec, embed=embed, details=details)
    if args.cache and not os.path.exists(args.cache):
        torch.save(cache, args.cache)
    print(json.dumps(f, indent=1))
    print("%.0fs" % (time.time() - t0))
    if args.details:
        with open(args.details, "w") as fo:
            json.dump(details, fo)


if __name__ == "__main__":
    main()
