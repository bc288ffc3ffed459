"""Shared pieces of the export scripts: normalizations, sidecars, checked tracing.

Imports only torch. The sidecar format is the one `ai.use.model.spec.Sidecar` reads (format_version 1) and the
toy zoo writes (tools/toy-zoo/make_zoo.py); field names are snake_case JSON.
"""
import json
import os

import torch

FORMAT_VERSION = 1

CLIP_NORMALIZATION = {"mean": [0.48145466, 0.4578275, 0.40821073],
                      "std": [0.26862954, 0.26130258, 0.27577711], "scale": 1}
IMAGENET_NORMALIZATION = {"mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "scale": 1}
SAM_NORMALIZATION = {"mean": [123.675, 116.28, 103.53], "std": [58.395, 57.12, 57.375], "scale": 255}

PAD_DESCRIPTION = ("longest side resized to input_size (bilinear), normalized, then zero-padded bottom/right "
                   "(zeros AFTER normalization = the mean colour)")


class ExportError(Exception):
    """An export that would write a file the Java side rejects or misreads; the message says what to change."""


def sidecar(role, source_checkpoint, exporter, fields):
    """The sidecar dict: the keys every role has, then the role's own `fields` (in the given order)."""
    d = {"role": role, "format_version": FORMAT_VERSION, "source_checkpoint": source_checkpoint,
         "exported_by": exporter, "torch_version": torch.__version__}
    d.update(fields)
    return d


def parse_blocks(text, depth):
    """'6,12,24' -> [6, 12, 24]: 1-based block numbers (block k = output of the k-th transformer block), each
    in 1..depth, strictly increasing."""
    try:
        blocks = [int(b) for b in str(text).split(",") if b.strip()]
    except ValueError:
        raise ExportError("--blocks '%s' is not a comma-separated list of integers" % text)
    if not blocks:
        raise ExportError("--blocks is empty; name at least one block in 1..%d" % depth)
    bad = [b for b in blocks if b < 1 or b > depth]
    if bad:
        raise ExportError("--blocks %s outside 1..%d (the model has %d blocks)" % (bad, depth, depth))
    if blocks != sorted(set(blocks)):
        raise ExportError("--blocks %s must be strictly increasing" % blocks)
    return blocks


def grid_of(input_size, patch_size, what):
    """Patch grid side for a square input; fails when input_size is not a multiple of patch_size."""
    if input_size <= 0 or patch_size <= 0 or input_size % patch_size != 0:
        raise ExportError("%s: input size %d is not a positive multiple of the patch size %d"
                          % (what, input_size, patch_size))
    return input_size // patch_size


def _as_tuple(x):
    return x if isinstance(x, tuple) else (x,)


def _on(device, inputs):
    return tuple(t.to(device) for t in inputs)


def trace_checked(module, example, others, device="cpu", atol=1e-4, rtol=1e-4):
    """torch.jit.trace(module, example) on `device`, then checks the traced module against the eager one on
    every input tuple in `others` (other batch sizes / prompt counts): a trace that froze a shape the contract
    keeps free fails here, at export time, not on an executor. Returns (traced module, its outputs on
    `example` as a tuple of CPU tensors)."""
    module = module.eval().to(device)
    example = _on(device, example)
    with torch.no_grad():
        traced = torch.jit.trace(module, example, check_trace=False)
        for inputs in others:
            inputs = _on(device, inputs)
            want = _as_tuple(module(*inputs))
            try:
                got = _as_tuple(traced(*inputs))
            except Exception as e:  # noqa: BLE001 - re-raised with the shapes that failed
                raise ExportError("the traced model fails on inputs of shapes %s (traced with %s): %s"
                                  % ([tuple(i.shape) for i in inputs], [tuple(i.shape) for i in example], e))
            for i, (w, g) in enumerate(zip(want, got)):
                if w.shape != g.shape or not torch.allclose(w, g, atol=atol, rtol=rtol):
                    raise ExportError(
                        "the traced model's output %d differs from the eager model on inputs of shapes %s "
                        "(eager %s, traced %s, max |diff| %s): the trace froze a shape; export with the "
                        "shapes you will run" % (i, [tuple(t.shape) for t in inputs], tuple(w.shape),
                                                 tuple(g.shape),
                                                 (w - g).abs().max().item() if w.shape == g.shape else "n/a"))
        outputs = tuple(t.cpu() for t in _as_tuple(traced(*example)))
    return traced, outputs


def write_model(traced, sidecar_dict, out_dir, name):
    """Writes `<name>.pt` (TorchScript) and `<name>.json` (sidecar) into out_dir; returns both paths."""
    os.makedirs(out_dir, exist_ok=True)
    pt = os.path.join(out_dir, name + ".pt")
    js = os.path.join(out_dir, name + ".json")
    traced.save(pt)
    write_json(js, sidecar_dict)
    return pt, js


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")
