"""The toy TorchScript models (models/toy/*.pt) with their JSON sidecars, fed as our Java adapters feed them.

* ``preprocess``: ai.use.model.image.ImagePreprocessor — RGB uint8 pixels as float, longest side to
  the sidecar's ``input_size`` (SAM's rule ``floor(side * scale + 0.5)``) by bilinear interpolation,
  ``align_corners=False``, no antialias, then ``(v * scale / 255 - mean) / std`` per channel and
  zero padding bottom/right (``pad`` mode), or stretched to S x S (``resize`` mode).
* ``ToySam``: ai.use.model.sam.SamEncoder / SamDecoder — encoder ``[1,3,1024,1024] -> [1,256,64,64]``;
  decoder ``(embedding, coords [P,n,2] in the input frame, labels [P,n]) -> (logits [P,4,256,256],
  iou [P,4])`` with SAM's padding point ``(0, 0, -1)`` after a points-only prompt.
* ``VitBackbone``: ai.use.model.vit.VitEncoder — ``clip-image``: hidden ``[K,B,1+N,C]`` and dense
  text-space tokens ``[B,1+N,D]``; ``dinov2``: hidden ``[K,B,1+N,C]``.
"""
import json
import os

import torch
import torch.nn.functional as F


def read_sidecar(model_dir, role):
    path = os.path.join(model_dir, role + ".json")
    with open(path) as f:
        sidecar = json.load(f)
    if sidecar.get("role") != role:
        raise ValueError(f"{path}: sidecar role is {sidecar.get('role')!r}, expected {role!r}")
    if sidecar.get("format_version") != 1:
        raise ValueError(f"{path}: sidecar format_version {sidecar.get('format_version')!r}, expected 1")
    return sidecar


def load_model(model_dir, role):
    path = os.path.join(model_dir, role + ".pt")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path} does not exist: --models must hold {role}.pt and {role}.json")
    return torch.jit.load(path, map_location="cpu").eval(), read_sidecar(model_dir, role)


def resized_shape(h, w, size):
    """SAM's ResizeLongestSide.get_preprocess_shape (our Geometry.longestSide)."""
    scale = size * 1.0 / max(h, w)
    return int(h * scale + 0.5), int(w * scale + 0.5)


def preprocess(rgb, sidecar):
    """``rgb``: numpy uint8 ``[H, W, 3]``. Returns the model input ``[1, 3, S, S]`` and (rh, rw)."""
    size = sidecar["input_size"]
    h, w = rgb.shape[:2]
    if sidecar["resize_mode"] == "pad":
        rh, rw = resized_shape(h, w, size)
    else:
        rh, rw = size, size
    x = torch.from_numpy(rgb).permute(2, 0, 1)[None].float()
    x = F.interpolate(x, (rh, rw), mode="bilinear", align_corners=False)
    norm = sidecar["normalization"]
    scale = torch.tensor(norm["scale"], dtype=torch.float32) / 255
    mean = torch.tensor(norm["mean"], dtype=torch.float32).view(1, 3, 1, 1)
    std = torch.tensor(norm["std"], dtype=torch.float32).view(1, 3, 1, 1)
    x = (x * scale - mean) / std
    out = torch.zeros(1, 3, size, size)
    out[:, :, :rh, :rw] = x
    return out, (rh, rw)


class ToySam:
    def __init__(self, model_dir):
        self.encoder, self.encoder_sidecar = load_model(model_dir, "sam-encoder")
        self.decoder, self.decoder_sidecar = load_model(model_dir, "sam-decoder")
        self.input_size = self.encoder_sidecar["input_size"]
        self.num_masks = self.decoder_sidecar["num_masks"]
        self.mask_size = self.decoder_sidecar["mask_size"]

    def preprocess(self, rgb):
        return preprocess(rgb, self.encoder_sidecar)

    def encode(self, x):
        emb = self.encoder(x)
        if emb.dim() != 4 or emb.shape[0] != 1:
            raise ValueError(f"sam-encoder returned {tuple(emb.shape)}, expected [1,256,64,64]")
        return emb

    def decode_points(self, embedding, coords):
        """One positive point per prompt: ``coords`` float32 ``[P, 2]`` (x, y) in the input frame."""
        p = coords.shape[0]
        points = torch.zeros(p, 2, 2)
        points[:, 0, :] = coords
        labels = torch.tensor([1.0, -1.0]).repeat(p, 1)
        logits, iou = self.decoder(embedding, points, labels)
        m, s = self.num_masks, self.mask_size
        if tuple(logits.shape) != (p, m, s, s) or tuple(iou.shape) != (p, m):
            raise ValueError(f"sam-decoder returned {tuple(logits.shape)} and {tuple(iou.shape)}, "
                             f"expected [{p},{m},{s},{s}] and [{p},{m}]")
        return logits, iou


class VitBackbone:
    def __init__(self, model_dir, role):
        self.role = role
        self.model, self.sidecar = load_model(model_dir, role)
        self.grid = self.sidecar["grid"]

    def preprocess(self, rgb):
        return preprocess(rgb, self.sidecar)

    def __call__(self, x):
        out = self.model(x)
        hidden = out[0]
        k = len(self.sidecar["selected_blocks"])
        t = 1 + self.grid * self.grid
        c = self.sidecar["hidden_width"]
        if tuple(hidden.shape) != (k, x.shape[0], t, c):
            raise ValueError(f"{self.role} hidden states are {tuple(hidden.shape)}, expected [{k},B,{t},{c}]")
        dense = out[1] if self.role == "clip-image" else None
        return hidden, dense
