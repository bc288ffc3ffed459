"""SAM's automatic mask generation (the published SamAutomaticMaskGenerator algorithm) on torch ops.

Written for this benchmark after the algorithm of facebookresearch/segment-anything (Apache-2.0):
a point grid per crop layer, crop boxes, per crop one encoder pass and batched point prompts,
SAM's two-step bilinear upscale of the low-res logits (to the padded input square, cut to the
content, then to the crop), predicted-IoU filter, stability score, box of each mask, masks that
touch a crop edge inside the image dropped, box NMS per crop (torchvision ``batched_nms``), uncrop,
NMS across crops preferring small crops, and optional removal of small holes and islands (OpenCV
connected components) with a second NMS. Records are SAM's: uncompressed column-major RLE, area,
bbox (XYWH), predicted IoU, the prompt point, stability score and crop box (XYWH).

``generate`` charges its time to a ``StageTimer``: ``preprocess`` (crop resize + normalize),
``sam_encoder``, ``prompt_decoding`` (the decoder model calls) and ``amg_postprocessing``
(everything else).
"""
import math
from dataclasses import dataclass, replace
from itertools import product

import numpy as np
import torch
import torch.nn.functional as F
from torchvision.ops import batched_nms

import coco_rle

EDGE_TOLERANCE = 20.0  # pixels: SAM's atol for "box touches the crop edge"


@dataclass(frozen=True)
class AmgOptions:
    """Every option of SamAutomaticMaskGenerator; the defaults are our Java toy preset
    (AmgOptions.toyPreset(): SAM's defaults except 16 points per side, single-mask output, predicted
    IoU above 0.8 and stability at least 0.9)."""

    points_per_side: int = 16
    points_per_batch: int = 64
    pred_iou_thresh: float = 0.8
    stability_score_thresh: float = 0.9
    stability_score_offset: float = 1.0
    mask_threshold: float = 0.0
    box_nms_thresh: float = 0.7
    crop_n_layers: int = 0
    crop_nms_thresh: float = 0.7
    crop_overlap_ratio: float = 512 / 1500
    crop_n_points_downscale_factor: int = 1
    min_mask_region_area: int = 0
    multimask_output: bool = False

    def __post_init__(self):
        def unit(name):
            v = getattr(self, name)
            if not 0 <= v <= 1:
                raise ValueError(f"{name} must be in [0, 1], got {v}")

        for name in ("pred_iou_thresh", "stability_score_thresh", "box_nms_thresh", "crop_nms_thresh"):
            unit(name)
        if self.points_per_side < 1:
            raise ValueError(f"points_per_side must be >= 1, got {self.points_per_side}")
        if self.points_per_batch < 1:
            raise ValueError(f"points_per_batch must be >= 1, got {self.points_per_batch}")
        if self.crop_n_layers < 0 or self.crop_n_points_downscale_factor < 1:
            raise ValueError("crop_n_layers must be >= 0 and crop_n_points_downscale_factor >= 1")
        if not 0 <= self.crop_overlap_ratio < 1:
            raise ValueError(f"crop_overlap_ratio must be in [0, 1), got {self.crop_overlap_ratio}")
        if self.min_mask_region_area < 0 or self.stability_score_offset < 0:
            raise ValueError("min_mask_region_area and stability_score_offset must be >= 0")
        last = int(self.points_per_side / self.crop_n_points_downscale_factor ** self.crop_n_layers)
        if last < 1:
            raise ValueError(f"points_per_side={self.points_per_side} leaves no point on crop layer "
                             f"{self.crop_n_layers}")

    @staticmethod
    def sam_defaults(**overrides):
        """SAM's reference defaults (32 points per side, multimask output, 0.88 / 0.95)."""
        return replace(AmgOptions(points_per_side=32, pred_iou_thresh=0.88, stability_score_thresh=0.95,
                                  multimask_output=True), **overrides)


def point_grid(n):
    """``[n*n, 2]`` points (x, y) in [0, 1], cell centres, x varying fastest."""
    side = np.linspace(1 / (2 * n), 1 - 1 / (2 * n), n)
    xs, ys = np.meshgrid(side, side)
    return np.stack([xs.reshape(-1), ys.reshape(-1)], axis=1)


def layer_point_grids(opts):
    return [point_grid(int(opts.points_per_side / opts.crop_n_points_downscale_factor ** i))
            for i in range(opts.crop_n_layers + 1)]


def crop_boxes(h, w, n_layers, overlap_ratio):
    """XYXY crop boxes and their layer: the whole image, then 2^i x 2^i overlapping crops per layer i."""
    boxes, layers = [[0, 0, w, h]], [0]
    short = min(h, w)
    for i in range(n_layers):
        per_side = 2 ** (i + 1)
        overlap = int(overlap_ratio * short * (2 / per_side))
        cw = int(math.ceil((overlap * (per_side - 1) + w) / per_side))
        ch = int(math.ceil((overlap * (per_side - 1) + h) / per_side))
        xs = [int((cw - overlap) * k) for k in range(per_side)]
        ys = [int((ch - overlap) * k) for k in range(per_side)]
        for x0, y0 in product(xs, ys):
            boxes.append([x0, y0, min(x0 + cw, w), min(y0 + ch, h)])
            layers.append(i + 1)
    return boxes, layers


def mask_boxes(masks):
    """XYXY boxes (inclusive max) of boolean masks ``[N, H, W]``, int64; [0,0,0,0] when empty."""
    n, h, w = masks.shape
    rows = masks.any(dim=2)
    cols = masks.any(dim=1)
    ys = torch.arange(h)
    xs = torch.arange(w)
    top = torch.where(rows, ys, torch.full_like(ys, h)).min(dim=1).values
    bottom = torch.where(rows, ys, torch.full_like(ys, -1)).max(dim=1).values
    left = torch.where(cols, xs, torch.full_like(xs, w)).min(dim=1).values
    right = torch.where(cols, xs, torch.full_like(xs, -1)).max(dim=1).values
    boxes = torch.stack([left, top, right, bottom], dim=1)
    boxes[~rows.any(dim=1)] = 0
    return boxes


def stability_scores(logits, threshold, offset):
    """IoU of the masks cut at ``threshold + offset`` and ``threshold - offset`` (one holds the other)."""
    inner = (logits > threshold + offset).sum(dim=(-1, -2), dtype=torch.int32)
    outer = (logits > threshold - offset).sum(dim=(-1, -2), dtype=torch.int32)
    return inner / outer


class Masks:
    """Columns of candidate masks: tensors by name plus the RLE runs list, filtered together."""

    TENSORS = ("boxes", "iou", "points", "stability", "crop_boxes")

    def __init__(self, **columns):
        self.c = columns

    def __len__(self):
        return len(self.c["runs"])

    def take(self, keep):
        keep = torch.as_tensor(keep)
        idx = keep.nonzero().flatten() if keep.dtype == torch.bool else keep
        out = {k: v[idx] for k, v in self.c.items() if k != "runs"}
        runs = self.c["runs"]
        out["runs"] = [runs[i] for i in idx.tolist()]
        return Masks(**out)

    @staticmethod
    def concat(parts):
        keys = [k for k in parts[0].c if k != "runs"]
        out = {k: torch.cat([p.c[k] for p in parts]) for k in keys}
        out["runs"] = [r for p in parts for r in p.c["runs"]]
        return Masks(**out)


def _near_crop_edge(boxes, crop, orig):
    b = boxes.float()
    crop_t = torch.tensor(crop, dtype=torch.float32)[None]
    orig_t = torch.tensor(orig, dtype=torch.float32)[None]
    near_crop = (b - crop_t).abs() <= EDGE_TOLERANCE
    near_image = (b - orig_t).abs() <= EDGE_TOLERANCE
    return (near_crop & ~near_image).any(dim=1)


def _decode_batch(sam, embedding, points, crop, crop_hw, resized_hw, image_hw, opts, timer):
    """Masks of one batch of prompt points (crop frame, float64 ``[P, 2]``), already filtered."""
    ch, cw = crop_hw
    rh, rw = resized_hw
    h, w = image_hw
    x0, y0, x1, y1 = crop
    coords = points * np.array([[rw / cw, rh / ch]])
    with timer.stage("prompt_decoding"):
        logits, iou = sam.decode_points(embedding, torch.from_numpy(coords).float())
    sel = slice(1, None) if opts.multimask_output else slice(0, 1)
    logits, iou = logits[:, sel], iou[:, sel]
    s = sam.input_size
    up = F.interpolate(logits, (s, s), mode="bilinear", align_corners=False)[..., :rh, :rw]
    up = F.interpolate(up, (ch, cw), mode="bilinear", align_corners=False)
    per_point = up.shape[1]
    logits = up.flatten(0, 1)
    iou = iou.flatten(0, 1)
    pts = torch.from_numpy(np.repeat(points, per_point, axis=0))
    if opts.pred_iou_thresh > 0:
        keep = iou > opts.pred_iou_thresh
        logits, iou, pts = logits[keep], iou[keep], pts[keep]
    stability = stability_scores(logits, opts.mask_threshold, opts.stability_score_offset)
    if opts.stability_score_thresh > 0:
        keep = stability >= opts.stability_score_thresh
        logits, iou, pts, stability = logits[keep], iou[keep], pts[keep], stability[keep]
    masks = logits > opts.mask_threshold
    del logits, up
    boxes = mask_boxes(masks)
    keep = ~_near_crop_edge(boxes + torch.tensor([[x0, y0, x0, y0]]), crop, [0, 0, w, h])
    masks, boxes, iou, pts, stability = masks[keep], boxes[keep], iou[keep], pts[keep], stability[keep]
    if (x0, y0, x1, y1) != (0, 0, w, h):
        full = torch.zeros(masks.shape[0], h, w, dtype=torch.bool)
        full[:, y0:y1, x0:x1] = masks
        masks = full
    return Masks(boxes=boxes, iou=iou, points=pts, stability=stability, runs=coco_rle.runs_of_masks(masks))


def _process_crop(sam, rgb, crop, grid, opts, timer):
    h, w = rgb.shape[:2]
    x0, y0, x1, y1 = crop
    image = rgb[y0:y1, x0:x1]
    with timer.stage("preprocess"):
        x, resized_hw = sam.preprocess(image)
    with timer.stage("sam_encoder"):
        embedding = sam.encode(x)
    ch, cw = image.shape[:2]
    points = grid * np.array([[cw, ch]])
    parts = []
    for start in range(0, len(points), opts.points_per_batch):
        parts.append(_decode_batch(sam, embedding, points[start:start + opts.points_per_batch], crop,
                                   (ch, cw), resized_hw, (h, w), opts, timer))
    data = Masks.concat(parts)
    keep = batched_nms(data.c["boxes"].float(), data.c["iou"], torch.zeros(len(data)), opts.box_nms_thresh)
    data = data.take(keep)
    data.c["boxes"] = data.c["boxes"] + torch.tensor([[x0, y0, x0, y0]])
    data.c["points"] = data.c["points"] + torch.tensor([[x0, y0]])
    data.c["crop_boxes"] = torch.tensor([crop], dtype=torch.int64).repeat(len(data), 1)
    return data


def remove_small_regions(mask, min_area):
    """Fills holes, then drops islands, smaller than ``min_area`` (8-connected); returns (mask, changed)."""
    import cv2

    changed = False
    n, labels, stats, _ = cv2.connectedComponentsWithStats((~mask).astype(np.uint8), connectivity=8)
    small = np.flatnonzero(stats[1:, cv2.CC_STAT_AREA] < min_area) + 1
    if small.size:
        mask = mask | np.isin(labels, small)
        changed = True
    n, labels, stats, _ = cv2.connectedComponentsWithStats(mask.astype(np.uint8), connectivity=8)
    sizes = stats[1:, cv2.CC_STAT_AREA]
    small = np.flatnonzero(sizes < min_area) + 1
    if small.size:
        if small.size == n - 1:  # every island is small: keep the largest
            mask = labels == int(np.argmax(sizes)) + 1
        else:
            mask = mask & ~np.isin(labels, small)
        changed = True
    return mask, changed


def _small_region_cleanup(data, h, w, opts):
    if len(data) == 0:
        return data
    masks, unchanged = [], []
    for runs in data.c["runs"]:
        m, changed = remove_small_regions(coco_rle.mask_of_runs(runs, h, w), opts.min_mask_region_area)
        masks.append(torch.from_numpy(m))
        unchanged.append(0.0 if changed else 1.0)
    stacked = torch.stack(masks)
    boxes = mask_boxes(stacked)
    keep = batched_nms(boxes.float(), torch.tensor(unchanged), torch.zeros(len(masks)),
                       max(opts.box_nms_thresh, opts.crop_nms_thresh))
    for i in keep.tolist():
        if unchanged[i] == 0.0:
            data.c["runs"][i] = coco_rle.runs_of_mask(masks[i].numpy())
            data.c["boxes"][i] = boxes[i]
    return data.take(keep)


def generate(sam, rgb, opts, timer):
    """SAM's records for an RGB uint8 image ``[H, W, 3]``, in the reference generator's order."""
    with timer.stage("amg_postprocessing"):
        h, w = rgb.shape[:2]
        grids = layer_point_grids(opts)
        boxes, layers = crop_boxes(h, w, opts.crop_n_layers, opts.crop_overlap_ratio)
        data = Masks.concat([_process_crop(sam, rgb, box, grids[layer], opts, timer)
                             for box, layer in zip(boxes, layers)])
        if len(boxes) > 1:
            cb = data.c["crop_boxes"]
            scores = 1 / ((cb[:, 2] - cb[:, 0]) * (cb[:, 3] - cb[:, 1]))
            keep = batched_nms(data.c["boxes"].float(), scores, torch.zeros(len(data)), opts.crop_nms_thresh)
            data = data.take(keep)
        if opts.min_mask_region_area > 0:
            data = _small_region_cleanup(data, h, w, opts)
        records = []
        for i in range(len(data)):
            b = data.c["boxes"][i].tolist()
            c = data.c["crop_boxes"][i].tolist()
            records.append({
                "size": [h, w],
                "runs": data.c["runs"][i],
                "area": coco_rle.area(data.c["runs"][i]),
                "bbox": [b[0], b[1], b[2] - b[0], b[3] - b[1]],
                "predicted_iou": float(data.c["iou"][i]),
                "point_coords": [data.c["points"][i].tolist()],
                "stability_score": float(data.c["stability"][i]),
                "crop_box": [c[0], c[1], c[2] - c[0], c[3] - c[1]],
            })
        return records
