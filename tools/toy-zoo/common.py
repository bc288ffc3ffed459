"""Shared helpers for the toy model zoo: toy-world loading, COCO RLE decoding, preprocessing.

Run everything with Debian's /usr/bin/python3 (torch 1.13, numpy, PIL).
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

SPEC_VERSION = 1

SHAPES = ["circle", "square", "triangle", "diamond"]
COLOURS = ["red", "green", "blue", "yellow", "purple", "orange"]
PARTS = ["body", "top", "handle"]
SIZES = ["small", "large"]

CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]
IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
SAM_MEAN = [123.675, 116.28, 103.53]
SAM_STD = [58.395, 57.12, 57.375]


# ---------------------------------------------------------------- COCO RLE
def rle_counts_from_string(s):
    """pycocotools rleFrString: LEB128-like 5-bit groups, offset 48, deltas from counts[i-2] for i > 2."""
    counts = []
    p = 0
    n = len(s)
    while p < n:
        x = 0
        k = 0
        more = True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    return counts


def rle_decode(seg):
    h, w = seg["size"]
    counts = seg["counts"]
    if isinstance(counts, str):
        counts = rle_counts_from_string(counts)
    flat = np.zeros(h * w, dtype=np.uint8)
    pos = 0
    val = 0
    for c in counts:
        if val:
            flat[pos:pos + c] = 1
        pos += c
        val ^= 1
    return flat.reshape((w, h)).T.copy()  # column-major


# ---------------------------------------------------------------- toy world
class World:
    def __init__(self, root, split):
        self.root = root
        self.split = split
        inst = json.load(open(os.path.join(root, "annotations", "instances_%s.json" % split)))
        self.info = inst["info"]
        self.images = inst["images"]
        self.anns_by_image = {}
        for a in inst["annotations"]:
            self.anns_by_image.setdefault(a["image_id"], []).append(a)
        ref = json.load(open(os.path.join(root, "annotations", "referring_%s.json" % split)))
        self.ref_by_ann = {r["ann_id"]: r for r in ref["annotations"]}
        cap = json.load(open(os.path.join(root, "annotations", "captions_%s.json" % split)))
        self.captions = cap["annotations"]
        self.spec = json.load(open(os.path.join(root, "spec.json")))

    def image(self, img):
        return np.asarray(Image.open(os.path.join(self.root, "images", self.split, img["file_name"])).convert("RGB"))

    def masks(self, img):
        return [(a, rle_decode(a["segmentation"])) for a in self.anns_by_image.get(img["id"], [])]


def big_enough(a):
    """Evaluation filter: objects whose box is under 64 px on both sides are excluded."""
    return a["bbox"][2] >= 64 or a["bbox"][3] >= 64


# ---------------------------------------------------------------- preprocessing (what the Java side does)
def to_tensor01(img):
    return torch.from_numpy(np.array(img)).permute(2, 0, 1).float().div(255.0).unsqueeze(0)


def resize_longest(x, size):
    """x [1,3,h,w] -> longest side = size, aspect kept, bilinear (align_corners=False, no antialias)."""
    h, w = x.shape[-2:]
    s = size / max(h, w)
    nh, nw = int(round(h * s)), int(round(w * s))
    return F.interpolate(x, size=(nh, nw), mode="bilinear", align_corners=False), s


def pad_square(x, size):
    h, w = x.shape[-2:]
    return F.pad(x, (0, size - w, 0, size - h), value=0.0)


def preprocess_square(img, size, mean, std):
    """Longest side -> size (bilinear), normalize, zero-pad bottom/right AFTER normalization."""
    x = to_tensor01(img)
    x, s = resize_longest(x, size)
    m = torch.tensor(mean).view(1, 3, 1, 1)
    sd = torch.tensor(std).view(1, 3, 1, 1)
    x = (x - m) / sd
    return pad_square(x, size), s


def preprocess_sam(img):
    x = torch.from_numpy(np.array(img)).permute(2, 0, 1).float().unsqueeze(0)  # 0..255
    x, s = resize_longest(x, 1024)
    m = torch.tensor(SAM_MEAN).view(1, 3, 1, 1)
    sd = torch.tensor(SAM_STD).view(1, 3, 1, 1)
    x = (x - m) / sd
    return pad_square(x, 1024), s


def sam_postprocess(low, s, h, w):
    """low-res logits [P,k,256,256] -> [P,k,h,w] logits as SAM does: up to 1024, crop padding, resize."""
    up = F.interpolate(low, size=(1024, 1024), mode="bilinear", align_corners=False)
    nh, nw = int(round(h * s)), int(round(w * s))
    up = up[..., :nh, :nw]
    return F.interpolate(up, size=(h, w), mode="bilinear", align_corners=False)


def iou(a, b):
    inter = np.logical_and(a, b).sum()
    uni = np.logical_or(a, b).sum()
    return float(inter) / max(float(uni), 1.0)


def box_iou_xyxy(a, b):
    ix = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    ua = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / max(ua, 1e-9)


def fit_linear(x, y, ncls, max_iter):
    """Softmax regression on standardized features x [n,d] -> labels y [n] in 0..ncls-1: L2 1e-3 on the weights,
    LBFGS (lr 1, max_iter steps), the layer's initial weights drawn after torch.manual_seed(0). -> nn.Linear(d, ncls)"""
    torch.manual_seed(0)
    lin = torch.nn.Linear(x.shape[1], ncls)
    opt = torch.optim.LBFGS(lin.parameters(), lr=1, max_iter=max_iter)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(lin(x), y) + 1e-3 * lin.weight.pow(2).sum()
        loss.backward()
        return loss
    opt.step(closure)
    return lin


def sidecar(role, extra):
    d = {"role": role, "format_version": 1,
         "source_checkpoint": "toy: constructed/trained on toy world spec v1 seed 7 by tools/toy-zoo/make_zoo.py",
         "toy_world": {"spec_version": SPEC_VERSION, "seed": 7}}
    d.update(extra)
    return d
