#!/usr/bin/python3
"""Compares the baseline's output with our Java label job's ``segments`` table on the same images.

    /usr/bin/python3 tools/bench/compare_java.py --segments segments.jsonl --baseline OUT

``--segments``: the label job's OUT/segments table as JSON lines, e.g. dumped with DuckDB:
``COPY (SELECT * FROM read_parquet('OUT/segments/*/*.parquet')) TO 'segments.jsonl' (FORMAT json)``
(see README.md). ``--baseline``: the --out folder of baseline_label.py run with the same AMG options.

Per image (matched by file name): same mask count; each baseline mask's COCO RLE string found
among the Java masks (one Java row per baseline mask: a degenerate line mask can occur twice, as
its zero-area box escapes NMS), else its best IoU with a Java mask must be >= --min-iou; and for
the matched pairs the bbox and area are equal, the predicted IoU agrees within 1e-4 and the
stability score within max(1e-4, 1 / area) — one pixel whose upscaled logit sits at the +-offset
cut within float rounding moves it by at most 1 / area — and the embeddings' cosine is reported.
Prints one JSON summary; exit status 1 when any check fails.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import coco_rle  # noqa: E402


def mask(rle):
    h, w = rle["size"]
    return coco_rle.mask_of_runs(coco_rle.string_to_counts(rle["counts"]), h, w)


def iou(a, b):
    union = (a | b).sum()
    return 1.0 if union == 0 else float((a & b).sum() / union)


def compare(java_rows, baseline_dir, min_iou):
    java = {}
    for r in java_rows:
        java.setdefault(os.path.basename(r["image_uri"]), []).append(r)
    with open(os.path.join(baseline_dir, "masks.json")) as f:
        masks = json.load(f)
    problems, images = [], []
    n = identical = exact_scores = 0
    worst_iou, worst_score, worst_cos = 1.0, 0.0, 1.0
    for name, records in sorted(masks.items()):
        stem = os.path.splitext(name)[0].replace(os.sep, "__")
        with open(os.path.join(baseline_dir, stem + ".json")) as f:
            segments = json.load(f)["segments"]
        rows = java.get(os.path.basename(name), [])
        images.append({"image": name, "baseline": len(records), "java": len(rows)})
        if len(rows) != len(records):
            problems.append(f"{name}: {len(records)} baseline masks, {len(rows)} Java masks")
            continue
        by_counts = {}
        for r in rows:
            by_counts.setdefault(r["mask"]["counts"], []).append(r)
        for i, (rec, seg) in enumerate(zip(records, segments)):
            n += 1
            pool = by_counts.get(rec["segmentation"]["counts"])
            row = None
            if pool:
                row = min(pool, key=lambda r: abs(r["predicted_iou"] - rec["predicted_iou"])
                          + abs(r["stability"] - rec["stability_score"]))
                pool.remove(row)
                identical += 1
            else:
                m = mask(rec["segmentation"])
                row = max(rows, key=lambda r: iou(m, mask(r["mask"])))
                best = iou(m, mask(row["mask"]))
                worst_iou = min(worst_iou, best)
                if best < min_iou:
                    problems.append(f"{name} mask {i}: best IoU with a Java mask {best:.4f} < {min_iou}")
            if [int(v) for v in row["box"]] != seg["bbox"] or int(row["area"]) != rec["area"]:
                problems.append(f"{name} mask {i}: bbox/area {seg['bbox']}/{rec['area']} vs Java "
                                f"{row['box']}/{row['area']}")
            d_iou = abs(row["predicted_iou"] - rec["predicted_iou"])
            d_stab = abs(row["stability"] - rec["stability_score"])
            worst_score = max(worst_score, d_iou, d_stab)
            exact_scores += d_iou == 0 and d_stab == 0
            if d_iou > 1e-4 or d_stab > max(1e-4, 1.0 / max(rec["area"], 1)):
                problems.append(f"{name} mask {i}: predicted IoU differs by {d_iou:.2e}, stability by "
                                f"{d_stab:.2e} (area {rec['area']})")
            worst_cos = min(worst_cos, float(np.dot(row["embedding"], seg["embedding"])))
    return {"images": images, "masks": n, "identical_rle": identical, "min_iou_of_others": worst_iou,
            "identical_scores": exact_scores, "max_score_difference": worst_score, "min_embedding_cosine": worst_cos, "problems": problems}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--segments", required=True, help="the Java segments table as JSON lines")
    ap.add_argument("--baseline", required=True, help="baseline_label.py's --out folder")
    ap.add_argument("--min-iou", type=float, default=0.99)
    args = ap.parse_args(argv)
    with open(args.segments) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if not rows:
        sys.exit(f"{args.segments} holds no segment rows")
    result = compare(rows, args.baseline, args.min_iou)
    print(json.dumps(result, indent=1))
    sys.exit(1 if result["problems"] else 0)


if __name__ == "__main__":
    main()
