"""COCO run-length encoding of binary masks, written to match pycocotools' maskApi.c.

Runs go over the mask in column-major order (index = x * height + y) and start with a run of zeros,
possibly of length 0. The compressed form is maskApi.c's ``rleToString``: each run (from the third
on, as the difference to the run two before) in 5-bit groups with a continuation bit, offset by 48
into printable ASCII. Our Java ``ai.use.common.mask.CocoRle`` writes the same strings.
"""
import numpy as np


def runs_of_masks(masks):
    """Uncompressed runs of each mask of a boolean torch tensor ``[M, H, W]``: a list of int lists."""
    import torch

    m, h, w = masks.shape
    flat = masks.permute(0, 2, 1).reshape(m, h * w)
    if h * w == 0:
        return [[0] for _ in range(m)]
    change = (flat[:, 1:] != flat[:, :-1]).nonzero()
    out = []
    # change rows are sorted by mask index: split them per mask once
    per_mask = torch.bincount(change[:, 0], minlength=m).tolist() if m else []
    cols = change[:, 1].tolist()
    first = flat[:, 0].tolist()
    at = 0
    for i in range(m):
        idx = cols[at:at + per_mask[i]]
        at += per_mask[i]
        bounds = [0] + [j + 1 for j in idx] + [h * w]
        runs = [] if not first[i] else [0]
        runs.extend(b - a for a, b in zip(bounds[:-1], bounds[1:]))
        out.append(runs)
    return out


def runs_of_mask(mask):
    """Uncompressed runs of one boolean numpy mask ``[H, W]``."""
    flat = np.asarray(mask, dtype=bool).T.reshape(-1)
    if flat.size == 0:
        return [0]
    idx = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate([[0], idx, [flat.size]])
    runs = np.diff(bounds).tolist()
    return ([0] + runs) if flat[0] else runs


def mask_of_runs(runs, h, w):
    """The boolean numpy mask ``[H, W]`` of uncompressed runs; fails if they do not cover it."""
    if sum(runs) != h * w or any(r < 0 for r in runs):
        raise ValueError(f"RLE runs sum to {sum(runs)} (or hold a negative run) but the mask is {h}x{w}")
    values = np.zeros(len(runs), dtype=bool)
    values[1::2] = True
    return np.repeat(values, runs).reshape(w, h).T


def counts_to_string(runs):
    """maskApi.c ``rleToString``: the compressed counts string of uncompressed runs."""
    out = []
    for i, x in enumerate(runs):
        x = int(x)
        if i > 2:
            x -= int(runs[i - 2])
        more = True
        while more:
            c = x & 0x1F
            x >>= 5
            more = (x != -1) if (c & 0x10) else (x != 0)
            if more:
                c |= 0x20
            out.append(chr(c + 48))
    return "".join(out)


def string_to_counts(s):
    """maskApi.c ``rleFrString``: the uncompressed runs of a compressed counts string."""
    runs = []
    p = 0
    while p < len(s):
        x = 0
        k = 0
        more = True
        while more:
            if p >= len(s):
                raise ValueError(f"RLE counts string ends inside a number: {s!r}")
            c = ord(s[p]) - 48
            if not 0 <= c < 64:
                raise ValueError(f"RLE counts string has an invalid character at {p}: {s!r}")
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(runs) > 2:
            x += runs[-2]
        runs.append(x)
    return runs


def coco_rle(runs, h, w):
    """A COCO RLE dict ``{"size": [h, w], "counts": str}`` as pycocotools writes it (JSON-ready)."""
    return {"size": [int(h), int(w)], "counts": counts_to_string(runs)}


def area(runs):
    """Set pixels of uncompressed runs (maskApi.c ``rleArea``)."""
    return int(sum(runs[1::2]))


def bbox_xywh(runs, h, w):
    """maskApi.c ``rleToBbox``: ``[x, y, width, height]``, all 0 for an empty mask."""
    m = (len(runs) // 2) * 2
    if m == 0:
        return [0, 0, 0, 0]
    xs, ys, xe, ye = w, h, 0, 0
    cc = 0
    xp = 0
    for j in range(m):
        cc += runs[j]
        t = cc - j % 2
        y = t % h
        x = (t - y) // h
        if j % 2 == 0:
            xp = x
        elif xp < x:
            ys = 0
            ye = h - 1
        xs = min(xs, x)
        xe = max(xe, x)
        ys = min(ys, y)
        ye = max(ye, y)
    return [int(xs), int(ys), int(xe - xs + 1), int(ye - ys + 1)]
