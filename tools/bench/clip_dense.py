"""The label job's ``clip-dense`` segment embeddings (ai.use.model.label.ClipDenseEmbedder) in torch.

A mask's patch weights (ai.use.model.head.PatchWeights): original pixel (y, x) covers the input-frame
rectangle ``[x*sx, (x+1)*sx) x [y*sy, (y+1)*sy)`` (sx = resized width / width, content top-left,
padding bottom/right); a patch's weight is the mask's area inside it, divided by the total. The area
is separable per axis, so for masks ``[M, H, W]`` it is ``Wy^T @ mask @ Wx`` with ``Wy [H, grid]``
and ``Wx [W, grid]`` the lengths of each pixel's interval inside each patch. The embedding is the
weighted sum of CLIP's dense text-space tokens (CLS dropped), L2-normalized.
"""
import numpy as np
import torch


def patch_axis(n, scale, input_size, grid):
    """``[n, grid]`` float64: length of original pixel i's input-frame interval inside each patch."""
    patch = input_size / grid
    a = np.arange(n)[:, None] * scale
    b = (np.arange(n)[:, None] + 1) * scale
    p0 = np.arange(grid)[None, :] * patch
    return torch.from_numpy(np.clip(np.minimum(b, p0 + patch) - np.maximum(a, p0), 0, None))


class ClipDense:
    """Embeds the masks of images of one backbone (caches the per-size axis matrices)."""

    def __init__(self, input_size, grid):
        self.input_size = input_size
        self.grid = grid
        self._axes = {}

    def weights(self, masks, resized_hw):
        """``[M, grid*grid]`` float32 patch weights (row-major patch order) of boolean masks ``[M, H, W]``."""
        _, h, w = masks.shape
        key = (h, w, resized_hw)
        if key not in self._axes:
            rh, rw = resized_hw
            self._axes[key] = (patch_axis(h, rh / h, self.input_size, self.grid),
                               patch_axis(w, rw / w, self.input_size, self.grid))
        wy, wx = self._axes[key]
        area = wy.T @ (masks.double() @ wx)  # [M, grid, grid]
        total = area.sum(dim=(1, 2), keepdim=True)
        if (total <= 0).any():
            raise ValueError("a mask has no pixel inside the image: an empty segment has no features")
        return (area / total).float().flatten(1)

    def embed(self, masks, dense, resized_hw):
        """``[M, D]`` L2-normalized embeddings; ``dense`` is CLIP's ``[1, 1+N, D]`` (token 0 is CLS)."""
        e = self.weights(masks, resized_hw) @ dense[0, 1:, :]
        e = e.double()
        return (e / e.norm(dim=1, keepdim=True)).float()
