#!/usr/bin/python3
"""The Python baseline of our label job: the same per-image work, scripted in one process.

Per image: decode (PIL) -> preprocess (as ai.use.model.image.ImagePreprocessor) -> SAM encoder ->
SAM automatic mask generation (sam_amg.py: the published SamAutomaticMaskGenerator algorithm on
torch ops; decoder calls timed apart as prompt_decoding) -> CLIP image backbone -> clip-dense segment
embeddings (ai.use.model.label.ClipDenseEmbedder: dense text-space tokens pooled with each mask's
area weights on the patch grid, L2-normalized) -> one JSON file per image (COCO RLE + embeddings).

    /usr/bin/python3 tools/bench/baseline_label.py --images DIR --out DIR --threads 1

Writes OUT/<image stem>.json, OUT/masks.json and OUT/timings.json; prints the stage table. Options
default to our Java "toy" AMG preset (AmgOptions.toyPreset()). See tools/bench/README.md.
"""
import argparse
import os
import resource
import sys
import time

T0 = time.perf_counter()
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
STAGES = ("decode", "preprocess", "sam_encoder", "prompt_decoding", "amg_postprocessing",
          "backbones", "embed", "write")
MODEL_STAGES = ("sam_encoder", "prompt_decoding", "backbones")  # time inside model forward calls
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp", ".tif", ".tiff")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--images", required=True, help="folder of images (searched recursively)")
    ap.add_argument("--out", required=True, help="output folder (created)")
    ap.add_argument("--threads", type=int, required=True, help="torch intra-op and BLAS threads")
    ap.add_argument("--models", default=os.path.join(REPO, "models/toy"),
                    help="folder with sam-encoder, sam-decoder and clip-image .pt + .json (default: the toy zoo)")
    ap.add_argument("--limit", type=int, default=0, help="at most this many images (0: all)")
    ap.add_argument("--warmup", type=int, default=1,
                    help="images run once before timing (TorchScript's first calls profile the graph); "
                         "their time is reported under startup (default 1)")
    g = ap.add_argument_group("mask generation (defaults: our Java toy preset)")
    g.add_argument("--points-per-side", type=int, default=16)
    g.add_argument("--points-per-batch", type=int, default=64)
    g.add_argument("--pred-iou-thresh", type=float, default=0.8)
    g.add_argument("--stability-score-thresh", type=float, default=0.9)
    g.add_argument("--stability-score-offset", type=float, default=1.0)
    g.add_argument("--mask-threshold", type=float, default=0.0)
    g.add_argument("--box-nms-thresh", type=float, default=0.7)
    g.add_argument("--crop-n-layers", type=int, default=0)
    g.add_argument("--crop-nms-thresh", type=float, default=0.7)
    g.add_argument("--crop-overlap-ratio", type=float, default=512 / 1500)
    g.add_argument("--crop-n-points-downscale-factor", type=int, default=1)
    g.add_argument("--min-mask-region-area", type=int, default=0)
    g.add_argument("--multimask-output", action=argparse.BooleanOptionalAction, default=False,
                   help="decode SAM's three multimask outputs instead of the single-mask output")
    args = ap.parse_args(argv)
    if args.threads < 1:
        ap.error(f"--threads must be >= 1, got {args.threads}")
    if not os.path.isdir(args.images):
        ap.error(f"--images {args.images} is not a folder")
    return args


def list_images(folder, limit):
    found = []
    for root, _, files in os.walk(folder):
        found.extend(os.path.join(root, f) for f in files if f.lower().endswith(IMAGE_SUFFIXES))
    found.sort()
    return found[:limit] if limit > 0 else found


def spread(values):
    """Median, mean, min and max of per-image seconds."""
    import statistics
    return {"median": statistics.median(values), "mean": statistics.mean(values),
            "min": min(values), "max": max(values)}


def main(argv=None):
    args = parse_args(argv)
    # BLAS threads must be fixed before torch (and OpenBLAS) load
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    sys.path.insert(0, HERE)
    import json

    import numpy as np
    import torch
    from PIL import Image

    import clip_dense
    import coco_rle
    import sam_amg
    import toy_models
    from stage_timer import StageTimer

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.set_grad_enabled(False)
    t_imports = time.perf_counter()

    opts = sam_amg.AmgOptions(
        points_per_side=args.points_per_side, points_per_batch=args.points_per_batch,
        pred_iou_thresh=args.pred_iou_thresh, stability_score_thresh=args.stability_score_thresh,
        stability_score_offset=args.stability_score_offset, mask_threshold=args.mask_threshold,
        box_nms_thresh=args.box_nms_thresh, crop_n_layers=args.crop_n_layers,
        crop_nms_thresh=args.crop_nms_thresh, crop_overlap_ratio=args.crop_overlap_ratio,
        crop_n_points_downscale_factor=args.crop_n_points_downscale_factor,
        min_mask_region_area=args.min_mask_region_area, multimask_output=args.multimask_output)
    sam = toy_models.ToySam(args.models)
    clip = toy_models.VitBackbone(args.models, "clip-image")
    t_models = time.perf_counter()

    images = list_images(args.images, args.limit)
    if not images:
        sys.exit(f"no images ({', '.join(IMAGE_SUFFIXES)}) under {args.images}")
    os.makedirs(args.out, exist_ok=True)
    embedder = clip_dense.ClipDense(clip.sidecar["input_size"], clip.grid)

    def label(path, timer):
        with timer.stage("decode"):
            with Image.open(path) as im:
                rgb = np.array(im.convert("RGB"))
        h, w = rgb.shape[:2]
        records = sam_amg.generate(sam, rgb, opts, timer)
        with timer.stage("amg_postprocessing"):  # binary masks out of the generator's RLE
            masks = torch.from_numpy(np.stack([coco_rle.mask_of_runs(r["runs"], h, w) for r in records])) \
                if records else None
        embeddings = None
        if records:
            with timer.stage("preprocess"):
                x, resized = clip.preprocess(rgb)
            with timer.stage("backbones"):
                _, dense = clip(x)
            with timer.stage("embed"):
                embeddings = embedder.embed(masks, dense, resized)
        with timer.stage("write"):
            segments = []
            for i, r in enumerate(records):
                segments.append({
                    "rle": coco_rle.coco_rle(r["runs"], h, w),
                    "bbox": coco_rle.bbox_xywh(r["runs"], h, w),
                    "area": r["area"],
                    "predicted_iou": r["predicted_iou"],
                    "stability_score": r["stability_score"],
                    "embedding": embeddings[i].tolist(),
                })
            stem = os.path.splitext(os.path.relpath(path, args.images))[0].replace(os.sep, "__")
            with open(os.path.join(args.out, stem + ".json"), "w") as f:
                json.dump({"image": path, "height": h, "width": w, "embedder": "clip-dense",
                           "segments": segments}, f)
        return records, h, w

    warm_timer = StageTimer()
    for path in images[:args.warmup]:
        try:
            label(path, warm_timer)
        except Exception:  # noqa: BLE001 - reported when the timed loop meets it again
            pass
    t_warm = time.perf_counter()

    per_image = []
    masks_out = {}
    errors = []
    t_loop = time.perf_counter()
    for path in images:
        timer = StageTimer()
        start = time.perf_counter()
        name = os.path.relpath(path, args.images)
        try:
            records, h, w = label(path, timer)
        except Exception as e:  # noqa: BLE001 - one bad image must not end the night
            stage = timer.failed_stage or "?"
            errors.append({"image": name, "stage": stage, "error": f"{type(e).__name__}: {e}"})
            print(f"baseline_label: {name} failed in {stage}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        wall = time.perf_counter() - start
        seconds = timer.take()
        per_image.append({"image": name, "height": h, "width": w,
                          "masks": len(records), "wall_seconds": wall,
                          "seconds": {s: seconds.get(s, 0.0) for s in STAGES}})
        masks_out[name] = [{
            "segmentation": coco_rle.coco_rle(r["runs"], *r["size"]),
            "area": r["area"], "bbox": r["bbox"], "predicted_iou": r["predicted_iou"],
            "stability_score": r["stability_score"], "point_coords": r["point_coords"],
            "crop_box": r["crop_box"],
        } for r in records]
    loop = time.perf_counter() - t_loop

    totals = {s: sum(p["seconds"][s] for p in per_image) for s in STAGES}
    n = len(per_image)
    if n == 0:
        sys.exit(f"every image failed: {errors[:3]}")
    timings = {
        "tool": "tools/bench/baseline_label.py",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "interop_threads": torch.get_num_interop_threads(),
        "blas_env": {v: os.environ[v] for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "embedder": "clip-dense",
        "amg_options": vars(opts) if hasattr(opts, "__dict__") else opts.__dict__,
        "startup_seconds": {"imports": t_imports - T0, "model_loads": t_models - t_imports,
                            "warmup": t_warm - t_models, "warmup_images": min(args.warmup, len(images))},
        "images": per_image,
        "total_seconds": {**totals, "all_stages": sum(totals.values()), "wall": loop},
        "mean_seconds_per_image": {s: totals[s] / n for s in STAGES},
        "per_image_spread": {s: spread([p["seconds"][s] for p in per_image]) for s in STAGES},
        "model_seconds_per_image": spread([sum(p["seconds"][s] for s in MODEL_STAGES) for p in per_image]),
        "non_model_seconds_per_image": spread([p["wall_seconds"] - sum(p["seconds"][s] for s in MODEL_STAGES)
                                               for p in per_image]),
        "images_per_second": n / loop,
        "masks": sum(p["masks"] for p in per_image),
        "errors": errors,
    }
    with open(os.path.join(args.out, "timings.json"), "w") as f:
        json.dump(timings, f, indent=1)
    with open(os.path.join(args.out, "masks.json"), "w") as f:
        json.dump(masks_out, f)

    cols = ["image", "masks"] + list(STAGES) + ["wall"]
    print(f"baseline_label: {n} images, threads={timings['threads']}, torch {torch.__version__}, "
          f"start-up {t_imports - T0:.2f} s imports + {t_models - t_imports:.2f} s model loads "
          f"+ {t_warm - t_models:.2f} s warm-up")
    print("  ".join(f"{c:>10}" if c != "image" else f"{c:<28}" for c in cols))
    for p in per_image:
        row = [f"{p['image'][-28:]:<28}", f"{p['masks']:>10}"]
        row += [f"{p['seconds'][s]:>10.4f}" for s in STAGES] + [f"{p['wall_seconds']:>10.4f}"]
        print("  ".join(row))
    print("  ".join([f"{'mean per image':<28}", f"{timings['masks'] / n:>10.1f}"]
                    + [f"{totals[s] / n:>10.4f}" for s in STAGES] + [f"{loop / n:>10.4f}"]))
    print("  ".join([f"{'median per image':<28}", f"{'':>10}"]
                    + [f"{timings['per_image_spread'][s]['median']:>10.4f}" for s in STAGES]
                    + [f"{spread([p['wall_seconds'] for p in per_image])['median']:>10.4f}"]))
    nm = timings["non_model_seconds_per_image"]
    print(f"non-model seconds per image (wall minus {', '.join(MODEL_STAGES)}): median {nm['median']:.4f}, "
          f"min {nm['min']:.4f}, max {nm['max']:.4f}")
    if errors:
        print(f"{len(errors)} images failed (listed under errors in timings.json)")
    print(f"images/s {n / loop:.3f}; wrote {args.out}/timings.json, masks.json and one JSON per image")
    startup = timings["startup_seconds"]
    print(json.dumps({"threads": timings["threads"], "images": n, "images_per_second": n / loop,
                      "mean_seconds_per_image": timings["mean_seconds_per_image"],
                      "non_model_seconds_per_image": nm,
                      "startup_seconds": round(startup["imports"] + startup["model_loads"] + startup["warmup"], 2),
                      "peak_rss_mib": peak_rss_mib()}))


def peak_rss_mib():
    """This process's peak resident set: VmHWM of /proc/self/status. Not ru_maxrss: Linux carries the
    parent's high-water mark into a child across exec, so under a JVM launcher ru_maxrss reports the
    JVM's peak, not ours."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024)  # kB
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


if __name__ == "__main__":
    main()
