#!/usr/bin/env python3
"""FLOPs per call of each image-side model of a zoo, counted by torch's profiler.

    /usr/bin/python3 tools/bench/model_flops.py [--models models/toy] [--prompts 64]

Loads each TorchScript file (sam-encoder, sam-decoder, clip-image, dinov2), runs it once on
inputs of the shapes its sidecar gives (one image; the decoder with --prompts point prompts) under
torch.profiler with with_flops=True, and prints one JSON line:
{"sam-encoder": {"flops_per_call": ..., "unit": "image"}, "sam-decoder": {..., "unit": "prompt"}, ...}.
Counted is what torch's profiler counts: matrix multiplies and convolutions (which dominate these
models) and the element-wise add and mul it can see; other ops (softmax, GELU, interpolation) are
not counted, so the figures are lower bounds.
"""
import argparse
import json
import os
import warnings

import torch
from torch.profiler import ProfilerActivity, profile


def flops_of(fn):
    with profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        fn()
    return int(sum(e.flops for e in prof.key_averages() if e.flops))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--models", default=os.path.join(os.path.dirname(__file__), "../../models/toy"))
    ap.add_argument("--prompts", type=int, default=64)
    args = ap.parse_args()
    torch.set_num_threads(1)
    warnings.filterwarnings("ignore")
    out = {}

    def side(role):
        with open(os.path.join(args.models, role + ".json")) as f:
            return json.load(f)

    def load(role):
        return torch.jit.load(os.path.join(args.models, role + ".pt")).eval()

    with torch.no_grad():
        enc = side("sam-encoder")
        s = enc["input_size"]
        image = torch.zeros(1, 3, s, s)
        m = load("sam-encoder")
        m(image)
        out["sam-encoder"] = {"flops_per_call": flops_of(lambda: m(image)), "unit": "image"}

        dec = side("sam-decoder")
        emb = torch.zeros(*dec["embedding_shape"])
        coords = torch.rand(args.prompts, 2, 2) * dec["input_size"]
        labels = torch.tensor([[1.0, -1.0]] * args.prompts)
        d = load("sam-decoder")
        d(emb, coords, labels)
        f = flops_of(lambda: d(emb, coords, labels))
        out["sam-decoder"] = {"flops_per_call": f // args.prompts, "unit": "prompt"}

        for role in ("clip-image", "dinov2"):
            sc = side(role)
            x = torch.zeros(1, 3, sc["input_size"], sc["input_size"])
            v = load(role)
            v(x)
            out[role] = {"flops_per_call": flops_of(lambda: v(x)), "unit": "image"}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
