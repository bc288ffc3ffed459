#!/usr/bin/python3
"""Golden AMG records from SAM's UNMODIFIED reference SamAutomaticMaskGenerator on the toy SAM.

The reference package is imported from a checkout OUTSIDE this repository:

    /usr/bin/python3 tools/amg-golden/make_golden.py --reference /tmp/segment-anything \
        [--reference-commit <sha>] [--out use-model/src/test/resources/amg-golden]

(``--reference`` holds the ``segment_anything`` package; the default is $SAM_REFERENCE.)
Needs Debian's python3-torch 1.13, python3-torchvision and python3-opencv.

The toy TorchScript encoder/decoder (models/toy/sam-*.pt) are wrapped by ``ToySam`` to look like the
reference ``Sam`` model, exactly as the Java adapters use them:
  * image: longest side resized to 1024 with bilinear, align_corners=False, no antialias, on float
    pixels (the Java ImagePreprocessor; SAM's own apply_image goes through PIL and would feed the
    encoder different pixels), then the reference ``Sam.preprocess`` (normalize, zero-pad);
  * prompts: the reference predictor's apply_coords; the prompt "encoder" passes the points through
    and adds SAM's padding point (0, 0, -1) as the reference PromptEncoder does when there is no box;
  * the mask "decoder" runs the toy decoder and selects masks 1..3 (multimask) or 0, as the
    reference MaskDecoder does; the reference ``Sam.postprocess_masks`` upsamples.
Everything after the decoder (thresholds, stability, NMS, crops, small-region cleanup, records) is the
reference code. A fingerprint of every decoder call (sums of the raw outputs) is kept so the Java test
can tell model drift from post-processing differences.
"""
import argparse
import hashlib
import json
import os
import sys

import cv2
import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# option sets: name -> SamAutomaticMaskGenerator kwargs. The reference always decodes with
# multimask_output=True; the toy SAM's multimask outputs score low, so the thresholds are lowered
# until masks survive (the toy preset itself uses single-mask output, which the reference lacks).
BASE = dict(points_per_side=8, pred_iou_thresh=0.5, stability_score_thresh=0.8,
            stability_score_offset=1.0, box_nms_thresh=0.7, points_per_batch=64)
OPTION_SETS = {
    "base": dict(BASE),
    "crops": dict(BASE, points_per_side=6, crop_n_layers=1, crop_n_points_downscale_factor=2,
                  crop_overlap_ratio=512 / 1500, crop_nms_thresh=0.7),
    "small_regions": dict(BASE, points_per_side=6, min_mask_region_area=300),
    "loose": dict(BASE, points_per_side=5, points_per_batch=7, pred_iou_thresh=0.3,
                  stability_score_thresh=0.6, stability_score_offset=2.0, box_nms_thresh=0.5),
}


class Fingerprints:
    def __init__(self):
        self.calls = []

    def add(self, logits, iou):
        self.calls.append({
            "prompts": int(logits.shape[0]),
            "logit_sum": float(logits.double().sum()),
            "logit_abs_sum": float(logits.double().abs().sum()),
            "iou_sum": float(iou.double().sum()),
        })


class ToySam(torch.nn.Module):
    """The attributes of segment_anything's ``Sam`` that SamPredictor and the generator use."""

    image_format = "RGB"
    mask_threshold = 0.0

    def __init__(self, sam_module, encoder, decoder, fingerprints):
        super().__init__()
        self.encoder = encoder
        self.register_buffer("pixel_mean", torch.tensor([123.675, 116.28, 103.53]).view(-1, 1, 1), False)
        self.register_buffer("pixel_std", torch.tensor([58.395, 57.12, 57.375]).view(-1, 1, 1), False)
        sam_cls = sam_module.Sam
        self._preprocess = sam_cls.preprocess
        self._postprocess = sam_cls.postprocess_masks
        outer = self

        class ImageEncoder:
            img_size = 1024

            def __call__(self, x):
                return outer.encoder(x.float())

        class PromptEncoder:
            def __call__(self, points, boxes, masks):
                assert boxes is None and masks is None, "the generator prompts with points only"
                coords, labels = points
                n = coords.shape[0]
                # reference PromptEncoder._embed_points(pad=boxes is None): one (0, 0, -1) point
                coords = torch.cat([coords.float(), torch.zeros(n, 1, 2)], dim=1)
                labels = torch.cat([labels.float(), -torch.ones(n, 1)], dim=1)
                return (coords, labels), None

            def get_dense_pe(self):
                return None

        class MaskDecoder:
            def __call__(self, image_embeddings, image_pe, sparse_prompt_embeddings,
                         dense_prompt_embeddings, multimask_output):
                coords, labels = sparse_prompt_embeddings
                logits, iou = decoder(image_embeddings, coords, labels)
                fingerprints.add(logits, iou)
                sl = slice(1, None) if multimask_output else slice(0, 1)
                return logits[:, sl, :, :], iou[:, sl]

        self.image_encoder = ImageEncoder()
        self.prompt_encoder = PromptEncoder()
        self.mask_decoder = MaskDecoder()

    @property
    def device(self):
        return self.pixel_mean.device

    def preprocess(self, x):
        return self._preprocess(self, x)

    def postprocess_masks(self, masks, input_size, original_size):
        return self._postprocess(self, masks, input_size, original_size)


def java_resize_transform(resize_module):
    """ResizeLongestSide whose apply_image resizes as the Java ImagePreprocessor does."""

    class JavaResize(resize_module.ResizeLongestSide):
        def apply_image(self, image):
            h, w = image.shape[:2]
            nh, nw = self.get_preprocess_shape(h, w, self.target_length)
            x = torch.as_tensor(np.ascontiguousarray(image), dtype=torch.float32).permute(2, 0, 1)[None]
            x = F.interpolate(x, (nh, nw), mode="bilinear", align_corners=False)
            return x[0].permute(1, 2, 0).numpy()

    return JavaResize


def load_images(out_dir):
    """The golden images: toy world PNGs committed beside the data (RGB arrays)."""
    names = sorted(n for n in os.listdir(os.path.join(out_dir, "images")) if n.endswith(".png"))
    images = {}
    for n in names:
        bgr = cv2.imread(os.path.join(out_dir, "images", n), cv2.IMREAD_COLOR)
        images[n] = np.ascontiguousarray(bgr[..., ::-1])
    return images


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reference", default=os.environ.get("SAM_REFERENCE"))
    ap.add_argument("--reference-commit", default=os.environ.get("SAM_REFERENCE_COMMIT", "unknown"))
    ap.add_argument("--out", default=os.path.join(REPO, "use-model/src/test/resources/amg-golden"))
    args = ap.parse_args()
    if not args.reference or not os.path.isdir(os.path.join(args.reference, "segment_anything")):
        sys.exit("--reference (or $SAM_REFERENCE) must name a directory holding the segment_anything package")
    if os.path.abspath(args.reference).startswith(REPO + os.sep):
        sys.exit("the reference package must live outside this repository")
    sys.path.insert(0, os.path.abspath(args.reference))
    from segment_anything import SamAutomaticMaskGenerator
    from segment_anything.modeling import sam as sam_module
    from segment_anything.utils import transforms as resize_module

    torch.set_num_threads(1)
    encoder = torch.jit.load(os.path.join(REPO, "models/toy/sam-encoder.pt")).eval()
    decoder = torch.jit.load(os.path.join(REPO, "models/toy/sam-decoder.pt")).eval()
    cases = []
    for name, image in load_images(args.out).items():
        for opt_name, opts in OPTION_SETS.items():
            fp = Fingerprints()
            model = ToySam(sam_module, encoder, decoder, fp)
            gen = SamAutomaticMaskGenerator(model, output_mode="uncompressed_rle", **opts)
            gen.predictor.transform = java_resize_transform(resize_module)(1024)
            with torch.no_grad():
                records = gen.generate(image)
            out = []
            for r in records:
                out.append({
                    "size": r["segmentation"]["size"],
                    "counts": [int(c) for c in r["segmentation"]["counts"]],
                    "area": int(r["area"]),
                    "bbox": [int(v) for v in r["bbox"]],
                    "predicted_iou": float(r["predicted_iou"]),
                    "point_coords": [[float(v) for v in p] for p in r["point_coords"]],
                    "stability_score": float(r["stability_score"]),
                    "crop_box": [int(v) for v in r["crop_box"]],
                })
            print(f"{name} {opt_name}: {len(out)} masks, {len(fp.calls)} decoder calls")
            cases.append({"image": name, "options": opt_name, "records": out,
                          "decoder_calls": fp.calls})
    encoder_sha = hashlib.sha256(open(os.path.join(REPO, "models/toy/sam-encoder.pt"), "rb").read()).hexdigest()
    decoder_sha = hashlib.sha256(open(os.path.join(REPO, "models/toy/sam-decoder.pt"), "rb").read()).hexdigest()
    golden = {
        "reference": {"repository": "https://github.com/facebookresearch/segment-anything",
                      "commit": args.reference_commit,
                      "torch": torch.__version__, "opencv": cv2.__version__},
        "models": {"sam-encoder.pt": encoder_sha, "sam-decoder.pt": decoder_sha},
        "option_sets": OPTION_SETS,
        "cases": cases,
    }
    with open(os.path.join(args.out, "golden.json"), "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
