#!/usr/bin/env python3
"""Export DINOv2 (Hugging Face `Dinov2Model` or `Dinov2WithRegistersModel`, e.g. facebook/dinov2-large or
facebook/dinov2-with-registers-large) as the dinov2 role of DESIGN.md §4 with its JSON sidecar:

    python3 tools/export/export_dinov2.py --checkpoint facebook/dinov2-with-registers-large --out /models/dinov2-l14 \
        --blocks 6,12,18,24 --input-size 518

writes dinov2.pt/.json. Register tokens (if the checkpoint has them) are dropped by the wrapper. Needs
`transformers` (imported only inside load_checkpoint). See tools/export/README.md.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_common import (IMAGENET_NORMALIZATION, PAD_DESCRIPTION, ExportError, grid_of,  # noqa: E402
                           parse_blocks, sidecar, trace_checked, write_model)
from wrappers import Dinov2Wrapper  # noqa: E402

EXPORTER = "tools/export/export_dinov2.py"


def load_checkpoint(checkpoint):
    """The DINOv2 backbone in eval mode from a Hugging Face id or folder. Lazy import of transformers."""
    from transformers import AutoModel
    try:
        model = AutoModel.from_pretrained(checkpoint, attn_implementation="eager")
    except TypeError:  # transformers < 4.36 has no attn_implementation
        model = AutoModel.from_pretrained(checkpoint)
    return model.float().eval()


def export_dinov2(model, blocks, out_dir, source, input_size=None, name="dinov2", device="cpu"):
    """Traces Dinov2Wrapper(model) at [1,3,S',S'] (checked at B=2) and writes <name>.pt + <name>.json.
    S' defaults to the checkpoint's image size; DINOv2 interpolates its position embeddings, so any multiple
    of the patch size works."""
    cfg = model.config
    size = int(input_size or cfg.image_size)
    patch = int(cfg.patch_size)
    grid = grid_of(size, patch, "dinov2")
    registers = int(getattr(cfg, "num_register_tokens", 0) or 0)
    blocks = parse_blocks(blocks, int(cfg.num_hidden_layers)) if isinstance(blocks, str) else blocks
    wrapper = Dinov2Wrapper(model, blocks, registers)
    gen = torch.Generator().manual_seed(0)
    example = (torch.randn(1, 3, size, size, generator=gen),)
    traced, (hidden,) = trace_checked(wrapper, example, [(torch.randn(2, 3, size, size, generator=gen),)], device)
    tokens = 1 + grid * grid
    if tuple(hidden.shape[:3]) != (len(blocks), 1, tokens):
        raise ExportError("dinov2 output %s does not match [K'=%d,B,1+N'=%d,C'] (registers: %d); check the "
                          "checkpoint's num_register_tokens" % (tuple(hidden.shape), len(blocks), tokens, registers))
    return write_model(traced, sidecar("dinov2", source, EXPORTER, {
        "input_size": size,
        "resize_mode": "pad",
        "padding": PAD_DESCRIPTION,
        "normalization": IMAGENET_NORMALIZATION,
        "patch_size": patch,
        "grid": grid,
        "num_tokens": tokens,
        "cls_token": "first",
        "register_tokens": 0,
        "checkpoint_register_tokens": registers,
        "selected_blocks": blocks,
        "hidden_width": int(hidden.shape[-1]),
        "outputs": ["hidden states [K',B,1+N',C'] of the selected blocks (1-based, before the final layernorm; "
                    "register tokens dropped)"],
    }), out_dir, name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", default="facebook/dinov2-with-registers-large",
                    help="Hugging Face id or local folder of a Dinov2Model / Dinov2WithRegistersModel")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--blocks", default="6,12,18,24", help="1-based blocks to return (default 6,12,18,24)")
    ap.add_argument("--input-size", type=int, default=None,
                    help="image side S', a multiple of the patch size (default: the checkpoint's, 518)")
    ap.add_argument("--device", default="cpu", help="trace on cpu (default) or cuda: export on the kind of "
                                                   "device the executors run on")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    for p in export_dinov2(load_checkpoint(args.checkpoint), args.blocks, args.out, args.checkpoint,
                           input_size=args.input_size, device=args.device):
        print("wrote", p)


if __name__ == "__main__":
    try:
        main()
    except ExportError as e:
        sys.exit("export_dinov2: " + str(e))
