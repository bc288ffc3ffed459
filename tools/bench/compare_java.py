#!/usr/bin/python3
"""Compares the baseline's output with our Java label job's ``segments`` table on the same images.

    /usr/bin/python3 tools/bench/compare_java.py --segments segments.jsonl --baseline OUT

``--segments``: the label job's OUT/segments table as JSON lines, e.g. dumped with DuckDB:
``COPY (SELECT * FROM read_parquet('OUT/segments/*/*.parquet')) TO 'segments.jsonl' (FORMAT json)``
(see README.md). ``--baseline``: the --out folder of baseline_label.py run with the same AMG options.

Per image (matched by file name): same mask count; each baseline mask's COCO RLE string found
among the Java masks, else its best IoU with a Java mask must be >= --min-iou; and for the matched
pairs the bbox and area are equal, scores agree within 1e-4 and the embeddings' cosine is reported.
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
    n = identical = 0
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
        by_counts = {r["mask"]["counts"]: r for r in rows}
        for i, (rec, seg) in enumerate(zip(records, segments)):
            n += 1
            row = by_counts.get(rec["segmentation"]["counts"])
            if row is not None:
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
            d = max(abs(row["predicted_iou"] - rec["predicted_iou"]), abs(row["stability"] - rec["stability_score"]))
            worst_score = max(worst_score, d)
            if d > 1e-4:
                problems.append(f"{name} mask {i}: scores differ by {d:.2e}")
            worst_cos = min(worst_cos, float(np.dot(row["embedding"], seg["embedding"])))
    return {"images": images, "masks": n, "identical_rle": identical, "min_iou_of_others": worst_iou,
            "max_score_difference": worst_score, "min_embedding_cosine": worst_cos, "problems": problems}


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
