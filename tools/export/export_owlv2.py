#!/usr/bin/env python3
"""Export OWLv2 (Hugging Face `Owlv2ForObjectDetection`, e.g. google/owlv2-large-patch14-ensemble or
google/owlv2-base-patch16-ensemble) as the grounder role of DESIGN.md §4 with its JSON sidecar and tokenizer:

    python3 tools/export/export_owlv2.py --checkpoint google/owlv2-large-patch14-ensemble --out /models/owlv2-l14 \
        --boxes-per-query 8

writes grounder.pt/.json and grounder.tokenizer.json. One query per phrase; boxes (cx,cy,w,h) relative to the
padded square. Needs `transformers` (imported only inside load_checkpoint). See tools/export/README.md.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_common import (CLIP_NORMALIZATION, PAD_DESCRIPTION, ExportError, grid_of, sidecar,  # noqa: E402
                           trace_checked, write_model)
from wrappers import OwlGrounderWrapper  # noqa: E402

EXPORTER = "tools/export/export_owlv2.py"


def load_checkpoint(checkpoint):
    """(Owlv2ForObjectDetection in eval mode, fast tokenizer, image normalization) from a Hugging Face id or
    folder. Lazy import of transformers. OWL-ViT v1 checkpoints work too (OwlViTForObjectDetection)."""
    from transformers import AutoConfig, AutoImageProcessor, AutoTokenizer
    kind = AutoConfig.from_pretrained(checkpoint).model_type
    if kind == "owlv2":
        from transformers import Owlv2ForObjectDetection as Detector
    elif kind == "owlvit":
        from transformers import OwlViTForObjectDetection as Detector
    else:
        raise ExportError("%s is a '%s' checkpoint, not owlv2 / owlvit" % (checkpoint, kind))
    try:
        model = Detector.from_pretrained(checkpoint, attn_implementation="eager")
    except TypeError:  # transformers < 4.36 has no attn_implementation
        model = Detector.from_pretrained(checkpoint)
    tok = AutoTokenizer.from_pretrained(checkpoint, use_fast=True)
    if not tok.is_fast:
        raise ExportError("%s has no fast tokenizer (tokenizer.json); install `tokenizers`" % checkpoint)
    proc = AutoImageProcessor.from_pretrained(checkpoint)
    norm = {"mean": [float(v) for v in proc.image_mean], "std": [float(v) for v in proc.image_std], "scale": 1}
    return model.float().eval(), tok, norm


def export_grounder(model, tokenizer_json, pad_id, bos_id, eos_id, boxes_per_query, out_dir, source,
                    normalization=None, name="grounder", device="cpu"):
    """Traces OwlGrounderWrapper(model) with 2 queries (checked with 1 and 5) and writes <name>.pt,
    <name>.json and <name>.tokenizer.json (`tokenizer_json`: the tokenizer.json text)."""
    vc = model.config.vision_config
    size = int(vc.image_size)
    patch = int(vc.patch_size)
    grid = grid_of(size, patch, "grounder")
    length = int(model.config.text_config.max_position_embeddings)
    if boxes_per_query < 1 or boxes_per_query > grid * grid:
        raise ExportError("--boxes-per-query %d outside 1..%d (one box per image patch)"
                          % (boxes_per_query, grid * grid))
    gen = torch.Generator().manual_seed(0)
    image = torch.randn(1, 3, size, size, generator=gen)

    def ids(rows):
        out = torch.full((len(rows), length), int(pad_id), dtype=torch.int64)
        for i, r in enumerate(rows):
            r = [t for t in [bos_id] + r + [eos_id] if t is not None][:length]
            out[i, :len(r)] = torch.tensor(r, dtype=torch.int64)
        return out

    example = (image, ids([[5, 6], [7]]))  # any ids of the vocabulary: the check compares traced vs eager
    others = [(image, ids([[8, 9, 10, 11]])), (image, ids([[5], [6, 7], [8], [9, 10], [11]]))]
    traced, (boxes, scores) = trace_checked(OwlGrounderWrapper(model, boxes_per_query), example, others, device)
    if list(boxes.shape) != [2, boxes_per_query, 4] or list(scores.shape) != [2, boxes_per_query]:
        raise ExportError("grounder outputs %s, %s are not [Q,T,4], [Q,T]" % (list(boxes.shape), list(scores.shape)))
    tokenizer_file = name + ".tokenizer.json"
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, tokenizer_file), "w") as f:
        f.write(tokenizer_json)
    return write_model(traced, sidecar("grounder", source, EXPORTER, {
        "input_size": size,
        "resize_mode": "pad",
        "padding": PAD_DESCRIPTION + "; OWLv2's own processor pads with grey 0.5 before normalizing, which is "
                                     "close to the mean colour",
        "normalization": normalization or CLIP_NORMALIZATION,
        "patch_size": patch,
        "grid": grid,
        "context_length": length,
        "tokenizer": tokenizer_file,
        "pad_id": int(pad_id),
        "bos_id": None if bos_id is None else int(bos_id),
        "eos_id": None if eos_id is None else int(eos_id),
        "boxes_per_query": int(boxes_per_query),
        "outputs": ["boxes [Q,T,4] (cx,cy,w,h) normalized to the padded square",
                    "scores [Q,T] in 0..1 (sigmoid of the query logit), best first"],
    }), out_dir, name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default="google/owlv2-large-patch14-ensemble",
                    help="Hugging Face id or local folder of an Owlv2ForObjectDetection")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--boxes-per-query", type=int, default=8, help="T: best boxes kept per phrase (default 8)")
    ap.add_argument("--device", default="cpu", help="trace on cpu (default) or cuda: export on the kind of "
                                                   "device the executors run on")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    model, tok, norm = load_checkpoint(args.checkpoint)
    for p in export_grounder(model, tok.backend_tokenizer.to_str(), tok.pad_token_id, tok.bos_token_id,
                             tok.eos_token_id, args.boxes_per_query, args.out, args.checkpoint, normalization=norm,
                             device=args.device):
        print("wrote", p)


if __name__ == "__main__":
    try:
        main()
    except ExportError as e:
        sys.exit("export_owlv2: " + str(e))
