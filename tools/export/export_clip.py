#!/usr/bin/env python3
"""Export CLIP (Hugging Face `CLIPModel`, e.g. openai/clip-vit-large-patch14) as the clip-image and clip-text
roles of DESIGN.md §4, each with its JSON sidecar, plus the text tokenizer:

    python3 tools/export/export_clip.py --checkpoint openai/clip-vit-large-patch14 --out /models/clip-l14 \
        --blocks 6,12,18,24

writes clip-image.pt/.json, clip-text.pt/.json, clip-text.tokenizer.json. Needs `transformers` (imported only
inside load_checkpoint). See tools/export/README.md.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_common import (CLIP_NORMALIZATION, PAD_DESCRIPTION, ExportError, grid_of,  # noqa: E402
                           parse_blocks, sidecar, trace_checked, write_json, write_model)
from wrappers import ClipImageWrapper, ClipTextWrapper  # noqa: E402

EXPORTER = "tools/export/export_clip.py"


def load_checkpoint(checkpoint):
    """(CLIPModel in eval mode, fast tokenizer) from a Hugging Face id or folder. Lazy import of transformers."""
    from transformers import CLIPModel, CLIPTokenizerFast
    try:
        model = CLIPModel.from_pretrained(checkpoint, attn_implementation="eager")
    except TypeError:  # transformers < 4.36 has no attn_implementation
        model = CLIPModel.from_pretrained(checkpoint)
    return model.float().eval(), CLIPTokenizerFast.from_pretrained(checkpoint)


def export_image(model, blocks, out_dir, source, name="clip-image", input_size=None, device="cpu"):
    """Traces ClipImageWrapper(model.vision_model, model.visual_projection) at [1,3,S,S] (checked at B=2) and
    writes <name>.pt + <name>.json. S defaults to the checkpoint's image size (its position embeddings)."""
    vc = model.config.vision_config
    size = int(input_size or vc.image_size)
    patch = int(vc.patch_size)
    grid = grid_of(size, patch, "clip-image")
    blocks = parse_blocks(blocks, int(vc.num_hidden_layers)) if isinstance(blocks, str) else blocks
    wrapper = ClipImageWrapper(model.vision_model, model.visual_projection, blocks,
                               interpolate_pos_encoding=size != int(vc.image_size))
    gen = torch.Generator().manual_seed(0)
    example = (torch.randn(1, 3, size, size, generator=gen),)
    traced, (hidden, dense) = trace_checked(wrapper, example, [(torch.randn(2, 3, size, size, generator=gen),)],
                                            device)
    tokens = 1 + grid * grid
    if tuple(hidden.shape[:3]) != (len(blocks), 1, tokens) or tuple(dense.shape[:2]) != (1, tokens):
        raise ExportError("clip-image outputs %s and %s do not match [K=%d,B,1+N=%d,C] and [B,1+N,D]"
                          % (tuple(hidden.shape), tuple(dense.shape), len(blocks), tokens))
    return write_model(traced, sidecar("clip-image", source, EXPORTER, {
        "input_size": size,
        "resize_mode": "pad",
        "padding": PAD_DESCRIPTION,
        "normalization": CLIP_NORMALIZATION,
        "patch_size": patch,
        "grid": grid,
        "num_tokens": tokens,
        "cls_token": "first",
        "selected_blocks": blocks,
        "hidden_width": int(hidden.shape[-1]),
        "output_width": int(dense.shape[-1]),
        "outputs": ["hidden states [K,B,1+N,C] of the selected blocks (1-based, before post_layernorm)",
                    "dense text-space tokens [B,1+N,D] (last block -> post_layernorm -> visual_projection; "
                    "token 0 = CLIP's image embedding)"],
    }), out_dir, name)


def export_text(model, tokenizer_json, pad_id, bos_id, eos_id, out_dir, source, name="clip-text", device="cpu"):
    """Traces ClipTextWrapper(model.text_model, model.text_projection) at [2,L] (checked at B=3) and writes
    <name>.pt + <name>.json + <name>.tokenizer.json (`tokenizer_json`: the tokenizer.json text)."""
    if eos_id is None:
        raise ExportError("clip-text: the tokenizer has no end-of-text token; CLIP pools at it")
    length = int(model.config.text_config.max_position_embeddings)
    wrapper = ClipTextWrapper(model.text_model, model.text_projection, eos_id)
    example = (_ids([[bos_id, 5, 6, eos_id], [bos_id, 7, eos_id]], length, pad_id),)
    others = [(_ids([[bos_id, 9, eos_id], [bos_id, 5, 6, 7, eos_id], [5]], length, pad_id),)]
    traced, (embedding,) = trace_checked(wrapper, example, others, device)
    width = int(embedding.shape[-1])
    tokenizer_file = name + ".tokenizer.json"
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, tokenizer_file), "w") as f:
        f.write(tokenizer_json)
    return write_model(traced, sidecar("clip-text", source, EXPORTER, {
        "context_length": length,
        "tokenizer": tokenizer_file,
        "pad_id": int(pad_id),
        "bos_id": None if bos_id is None else int(bos_id),
        "eos_id": int(eos_id),
        "token_layout": "the tokenizer's ids with its begin/end-of-text tokens, right-padded with pad_id to "
                        "context_length; truncation keeps the final end-of-text token",
        "output_width": width,
        "normalized": False,
    }), out_dir, name)


def _ids(rows, length, pad_id):
    out = torch.full((len(rows), length), int(pad_id), dtype=torch.int64)
    for i, r in enumerate(rows):
        r = [t for t in r if t is not None][:length]
        out[i, :len(r)] = torch.tensor(r, dtype=torch.int64)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default="openai/clip-vit-large-patch14",
                    help="Hugging Face id or local folder of a CLIPModel")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--blocks", default="6,12,18,24",
                    help="1-based blocks whose hidden states clip-image returns (default 6,12,18,24)")
    ap.add_argument("--input-size", type=int, default=None,
                    help="image side S (default: the checkpoint's, 224 for ViT-L/14)")
    ap.add_argument("--roles", default="image,text", help="image,text (default both)")
    ap.add_argument("--device", default="cpu", help="trace on cpu (default) or cuda: export on the kind of "
                                                   "device the executors run on")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    model, tok = load_checkpoint(args.checkpoint)
    roles = set(args.roles.split(","))
    if "image" in roles:
        for p in export_image(model, args.blocks, args.out, args.checkpoint, input_size=args.input_size,
                              device=args.device):
            print("wrote", p)
    if "text" in roles:
        for p in export_text(model, tok.backend_tokenizer.to_str(), tok.pad_token_id, tok.bos_token_id,
                             tok.eos_token_id, args.out, args.checkpoint, device=args.device):
            print("wrote", p)


if __name__ == "__main__":
    try:
        main()
    except ExportError as e:
        sys.exit("export_clip: " + str(e))
