#!/usr/bin/env python3
"""Export SAM (facebookresearch/segment-anything, a sam_vit_h / sam_vit_l / sam_vit_b checkpoint) as the
sam-encoder and sam-decoder roles of DESIGN.md §4, each with its JSON sidecar:

    python3 tools/export/export_sam.py --model-type vit_h --checkpoint sam_vit_h_4b8939.pth --out /models/sam-h

writes sam-encoder.pt/.json and sam-decoder.pt/.json. Needs `segment_anything` (imported only inside
load_checkpoint). See tools/export/README.md.
"""
import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_common import (SAM_NORMALIZATION, ExportError, grid_of, sidecar, trace_checked,  # noqa: E402
                           write_model)
from wrappers import SamDecoderWrapper, SamEncoderWrapper  # noqa: E402

EXPORTER = "tools/export/export_sam.py"
MASK_SIZE = 256


def load_checkpoint(model_type, checkpoint):
    """segment_anything's Sam in eval mode. Lazy import of segment_anything."""
    from segment_anything import sam_model_registry
    if model_type not in sam_model_registry:
        raise ExportError("--model-type '%s' unknown; segment_anything has %s"
                          % (model_type, sorted(sam_model_registry)))
    return sam_model_registry[model_type](checkpoint=checkpoint).float().eval()


def export_encoder(sam, out_dir, source, name="sam-encoder", device="cpu"):
    """Traces SamEncoderWrapper(sam.image_encoder) at [1,3,1024,1024] and writes <name>.pt + <name>.json."""
    size = int(sam.image_encoder.img_size)
    patch = int(sam.image_encoder.patch_embed.proj.kernel_size[0])
    grid = grid_of(size, patch, "sam-encoder")
    example = (torch.randn(1, 3, size, size, generator=torch.Generator().manual_seed(0)),)
    traced, (embedding,) = trace_checked(SamEncoderWrapper(sam.image_encoder), example, [], device)
    shape = list(embedding.shape)
    if shape[0] != 1 or shape[2:] != [grid, grid]:
        raise ExportError("sam-encoder output %s is not [1,C,%d,%d]" % (shape, grid, grid))
    return write_model(traced, sidecar("sam-encoder", source, EXPORTER, {
        "input_size": size,
        "resize_mode": "pad",
        "padding": "longest side resized to %d (bilinear), normalized, then zero-padded bottom/right (zeros AFTER "
                   "normalization, as SAM does)" % size,
        "normalization": SAM_NORMALIZATION,
        "patch_size": patch,
        "grid": grid,
        "embedding_shape": shape,
        "output_width": shape[1],
    }), out_dir, name)


def export_decoder(sam, out_dir, source, name="sam-decoder", device="cpu"):
    """Traces SamDecoderWrapper (SamOnnxModel's point embedding + mask_decoder.predict_masks, all 4 masks,
    low-res) with one point prompt and checks it against the eager module with other prompt counts and
    shapes (3 box prompts; 2 prompts of 3 points); writes <name>.pt + <name>.json."""
    size = int(sam.image_encoder.img_size)
    pe = sam.prompt_encoder
    channels = int(pe.no_mask_embed.weight.shape[1])
    grid = [int(g) for g in pe.image_embedding_size]
    gen = torch.Generator().manual_seed(0)
    embedding = torch.randn(1, channels, grid[0], grid[1], generator=gen)
    example = (embedding, torch.tensor([[[500.0, 400.0], [0.0, 0.0]]]), torch.tensor([[1.0, -1.0]]))
    boxes = (embedding, torch.tensor([[[100.0, 120.0], [400.0, 500.0]], [[10.0, 10.0], [1000.0, 900.0]],
                                      [[600.0, 50.0], [700.0, 300.0]]]),
             torch.tensor([[2.0, 3.0]] * 3))
    points = (embedding, torch.tensor([[[300.0, 300.0], [310.0, 600.0], [0.0, 0.0]],
                                       [[800.0, 200.0], [100.0, 900.0], [512.0, 512.0]]]),
              torch.tensor([[1.0, 0.0, -1.0], [1.0, 1.0, 0.0]]))
    wrapper = SamDecoderWrapper(pe, sam.mask_decoder, size)
    traced, _ = trace_checked(wrapper, example, [boxes, points], device)
    with torch.no_grad():
        masks, iou = traced(*(t.to(device) for t in boxes))
    num_masks = int(sam.mask_decoder.num_mask_tokens)
    if list(masks.shape) != [3, num_masks, MASK_SIZE, MASK_SIZE] or list(iou.shape) != [3, num_masks]:
        raise ExportError("sam-decoder outputs %s, %s are not [P,%d,%d,%d], [P,%d]"
                          % (list(masks.shape), list(iou.shape), num_masks, MASK_SIZE, MASK_SIZE, num_masks))
    return write_model(traced, sidecar("sam-decoder", source, EXPORTER, {
        "input_size": size,
        "embedding_shape": [1, channels] + grid,
        "num_masks": num_masks,
        "mask_size": MASK_SIZE,
        "inputs": ["image_embedding [1,%d,%d,%d]" % (channels, grid[0], grid[1]),
                   "point_coords float [P,n,2] (x,y) in the %d-resized frame" % size,
                   "point_labels float [P,n]: 1 fg, 0 bg, 2 box top-left, 3 box bottom-right, -1 padding point"],
        "outputs": ["low-res mask logits [P,%d,%d,%d] (0 = single-mask output, 1..%d = multimask)"
                    % (num_masks, MASK_SIZE, MASK_SIZE, num_masks - 1),
                    "predicted IoU [P,%d]" % num_masks],
        "mask_threshold": float(getattr(sam, "mask_threshold", 0.0)),
    }), out_dir, name)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-type", default="vit_h", help="vit_h, vit_l or vit_b (segment_anything's registry)")
    ap.add_argument("--checkpoint", required=True, help="the .pth file, e.g. sam_vit_h_4b8939.pth")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--roles", default="encoder,decoder", help="encoder,decoder (default both)")
    ap.add_argument("--device", default="cpu", help="trace on cpu (default) or cuda: export on the kind of "
                                                   "device the executors run on")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    sam = load_checkpoint(args.model_type, args.checkpoint)
    source = "segment-anything %s %s" % (args.model_type, os.path.basename(args.checkpoint))
    roles = set(args.roles.split(","))
    if "encoder" in roles:
        for p in export_encoder(sam, args.out, source, device=args.device):
            print("wrote", p)
    if "decoder" in roles:
        for p in export_decoder(sam, args.out, source, device=args.device):
            print("wrote", p)


if __name__ == "__main__":
    try:
        main()
    except ExportError as e:
        sys.exit("export_sam: " + str(e))
