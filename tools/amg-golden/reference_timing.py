#!/usr/bin/python3
"""Post-processing time of SAM's reference SamAutomaticMaskGenerator on the toy SAM.

    /usr/bin/python3 tools/amg-golden/reference_timing.py --reference /tmp/segment-anything \
        --image <png> --points-per-side 32 --threads 1 [--pred-iou 0.5 --stability 0.8]

Runs the unmodified reference generator through make_golden.py's adapter and prints one JSON line:
total generator seconds, seconds in the image encoder and the mask decoder, and post-processing
seconds = total - encoder - decoder (the same split AmgBenchmark uses for the Java side). The toy
decoder produces the same logits here as in Java (AmgGoldenTest checks their sums).
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import cv2
import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default=os.environ.get("SAM_REFERENCE"))
    ap.add_argument("--image", required=True)
    ap.add_argument("--points-per-side", type=int, default=32)
    ap.add_argument("--points-per-batch", type=int, default=64)
    ap.add_argument("--pred-iou", type=float, default=0.5)
    ap.add_argument("--stability", type=float, default=0.8)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("make_golden", os.path.join(HERE, "make_golden.py"))
    mg = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mg)
    sys.path.insert(0, os.path.abspath(args.reference))
    from segment_anything import SamAutomaticMaskGenerator
    from segment_anything.modeling import sam as sam_module
    from segment_anything.utils import transforms as resize_module

    torch.set_num_threads(args.threads)
    enc = torch.jit.load(os.path.join(mg.REPO, "models/toy/sam-encoder.pt")).eval()
    dec = torch.jit.load(os.path.join(mg.REPO, "models/toy/sam-decoder.pt")).eval()
    spent = {"encode": 0.0, "decode": 0.0}

    def timed(fn, key):
        def run(*a, **kw):
            t0 = time.perf_counter()
            out = fn(*a, **kw)
            spent[key] += time.perf_counter() - t0
            return out
        return run

    image = cv2.imread(args.image, cv2.IMREAD_COLOR)[..., ::-1].copy()
    model = mg.ToySam(sam_module, timed(enc, "encode"), timed(dec, "decode"), mg.Fingerprints())
    gen = SamAutomaticMaskGenerator(
        model, points_per_side=args.points_per_side, points_per_batch=args.points_per_batch,
        pred_iou_thresh=args.pred_iou, stability_score_thresh=args.stability,
        output_mode="binary_mask")
    gen.predictor.transform = mg.java_resize_transform(resize_module)(1024)
    with torch.no_grad():
        gen.generate(image)  # warm-up (TorchScript profiling runs)
        spent.update(encode=0.0, decode=0.0)
        t0 = time.perf_counter()
        masks = gen.generate(image)
        total = time.perf_counter() - t0
    print(json.dumps({
        "masks": len(masks), "threads": args.threads, "total_s": total,
        "encode_s": spent["encode"], "decode_s": spent["decode"],
        "postprocess_s": total - spent["encode"] - spent["decode"],
    }))


if __name__ == "__main__":
    main()
