"""Helpers shared by the notebooks: load exported tables, decode COCO RLE masks, draw overlays.

The notebooks run on Debian's Python (numpy, matplotlib, PIL; no pyarrow), so they read the JSON-lines
export that `bin/use export-tables --in <output root> --out <export dir>` writes, one `<table>.jsonl` per
table. Set `USE_EXPORT` to the export folder (NotebooksIT does; see notebooks/README.md).
"""
import json
import os
from pathlib import Path
from urllib.parse import urlparse, unquote

import numpy as np

# A fixed palette so the same segment index gets the same colour in every picture.
PALETTE = np.array(
    [[230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
     [145, 30, 180], [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212],
     [0, 128, 128], [220, 190, 255], [170, 110, 40], [128, 0, 0], [170, 255, 195]],
    dtype=np.float32) / 255.0


def export_dir():
    """The export folder from `USE_EXPORT`, checked."""
    d = os.environ.get("USE_EXPORT")
    if not d:
        raise RuntimeError("set USE_EXPORT to the folder written by `bin/use export-tables`")
    p = Path(d)
    if not p.is_dir():
        raise RuntimeError(f"USE_EXPORT={d} is not a folder: run `bin/use export-tables` first")
    return p


def tables():
    """Names of the exported tables."""
    return sorted(f.name[: -len(".jsonl")] for f in export_dir().glob("*.jsonl"))


def load_table(name):
    """All rows of one exported table as a list of dicts (name as printed by export-tables)."""
    f = export_dir() / f"{name}.jsonl"
    if not f.is_file():
        raise FileNotFoundError(f"no table {name!r} in {export_dir()}; exported: {tables()}")
    with open(f, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def rle_decode(mask):
    """COCO compressed RLE ({"size": [h, w], "counts": str}) -> bool array [h, w] (column-major runs)."""
    h, w = mask["size"]
    s = mask["counts"].encode("ascii")
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = s[p] - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and (c & 0x10):
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    flat = np.zeros(h * w, dtype=bool)
    pos, value = 0, False
    for n in counts:
        if value:
            flat[pos:pos + n] = True
        pos += n
        value = not value
    if pos != h * w:
        raise ValueError(f"RLE covers {pos} pixels, expected {h}x{w}={h * w}")
    return flat.reshape((w, h)).T


def image_path(uri):
    """Local path of a `file:` image URI (as the tables store it)."""
    u = urlparse(uri)
    if u.scheme not in ("", "file"):
        raise ValueError(f"{uri} is not a local file; copy it locally first")
    return Path(unquote(u.path))


def load_image(uri):
    """The image as a float RGB array [h, w, 3] in 0..1."""
    from PIL import Image
    with Image.open(image_path(uri)) as im:
        return np.asarray(im.convert("RGB"), dtype=np.float32) / 255.0


def overlay(image, masks, alpha=0.55):
    """The image with each mask tinted by its palette colour; returns a new [h, w, 3] array."""
    out = image.copy()
    for i, m in enumerate(masks):
        colour = PALETTE[i % len(PALETTE)]
        out[m] = (1 - alpha) * out[m] + alpha * colour
    return out


def label_png(path):
    """A label map PNG (8- or 16-bit) as an int array [h, w]."""
    from PIL import Image
    with Image.open(path) as im:
        return np.asarray(im, dtype=np.int64)


def demo_dir():
    """The demo's output root from `USE_DEMO` (for files that are not tables: label maps, summary.json)."""
    d = os.environ.get("USE_DEMO")
    if not d or not Path(d).is_dir():
        raise RuntimeError("set USE_DEMO to the demo's output folder (e.g. demo-out)")
    return Path(d)


def colourize(labels, ignore=0):
    """A label map [h, w] as RGB [h, w, 3]: palette colour per class id, black for `ignore`."""
    out = np.zeros(labels.shape + (3,), dtype=np.float32)
    for k in np.unique(labels):
        if k != ignore:
            out[labels == k] = PALETTE[(int(k) - 1) % len(PALETTE)]
    return out
