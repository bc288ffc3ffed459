#!/usr/bin/python3
"""Grounder development figures on a chosen split (tune on train, confirm on held-out).

    /usr/bin/python3 tools/toy-zoo/dev_grounder.py --world /tmp/toy-seed7 --model models/toy/grounder.pt --split train [-v]

Same protocol as evaluate.py's grounder figures (objects with a box under 64 px on both sides excluded, with
their parts; the top-scoring box counts) plus a failure breakdown for object phrases: 'wrong object' (the box
centre is not on the named object's box), 'extent' (right object, IoU < 0.5).
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import World, big_enough, preprocess_square, box_iou_xyxy, CLIP_MEAN, CLIP_STD  # noqa: E402
import zoo_text  # noqa: E402


def run(world, m, vocab, S=256, L=16, verbose=False):
    out = {"object": [], "part": []}
    why = {"wrong object": 0, "extent": 0}
    t = 0.0
    for img in world.images:
        anns = world.anns_by_image.get(img["id"], [])
        byid = {a["id"]: a for a in anns}
        qs = [a for a in anns if big_enough(a if a["granularity"] == "object" else byid[a["parent_id"]])]
        if not qs:
            continue
        x, s = preprocess_square(world.image(img), S, CLIP_MEAN, CLIP_STD)
        ids = torch.tensor([zoo_text.encode(vocab, world.ref_by_ann[a["id"]]["phrase"], L) for a in qs])
        t0 = time.time()
        with torch.no_grad():
            boxes, scores = m(x, ids)
        t += time.time() - t0
        for k, a in enumerate(qs):
            b = boxes[k, int(scores[k].argmax())].numpy() * S / s
            pb = [b[0] - b[2] / 2, b[1] - b[3] / 2, b[0] + b[2] / 2, b[1] + b[3] / 2]
            gx, gy, gw, gh = a["bbox"]
            v = box_iou_xyxy(pb, [gx, gy, gx + gw, gy + gh])
            out[a["granularity"]].append(v)
            if a["granularity"] == "object" and v < 0.5:
                inside = gx <= b[0] <= gx + gw and gy <= b[1] <= gy + gh
                why["extent" if inside else "wrong object"] += 1
                if verbose:
                    print("  %s img %d %-28s iou %.2f %s box %s truth %s" % (
                        "extent" if inside else "WRONG ", img["id"], world.ref_by_ann[a["id"]]["phrase"], v,
                        "", [int(u) for u in pb], [gx, gy, gx + gw, gy + gh]))
            if a["granularity"] == "part" and v < 0.5 and verbose:
                print("  part   img %d %-36s iou %.2f box %s truth %s" % (
                    img["id"], world.ref_by_ann[a["id"]]["phrase"], v, [int(u) for u in pb],
                    [gx, gy, gx + gw, gy + gh]))
    f = {}
    for k in ("object", "part"):
        v = np.array(out[k])
        f[k] = {"n": int(len(v)), "share": round(float((v >= 0.5).mean()), 4), "mean_iou": round(float(v.mean()), 4)}
    f["object_failures"] = why
    f["model_seconds"] = round(t, 1)
    return f


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--world", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--split", default="train")
    ap.add_argument("-v", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(2)
    side = json.load(open(os.path.join(os.path.dirname(args.model), "grounder.json")))
    vocab = json.load(open(os.path.join(os.path.dirname(args.model), side["tokenizer"])))["model"]["vocab"]
    m = torch.jit.load(args.model)
    print(json.dumps(run(World(args.world, args.split), m, vocab, side["input_size"], side["context_length"],
                         args.v), indent=1))


if __name__ == "__main__":
    main()
