"""Toy SAM: a constructed encoder (per-pixel colour classes packed into the 256 channels by pixel-unshuffle)
and a decoder that crops the embedding around the prompt and runs a small trained U-Net.

Embedding layout: pixel_shuffle(embedding, 4) -> [1,16,256,256] on the 256x256 grid of the padded 1024 frame
(one cell = 4x4 pixels of the 1024 frame); channels 0..6 = class probabilities (background grey, red, green, blue,
yellow, purple, orange), 7..9 = mean RGB/255 - 0.5, 10..15 = 0.
"""
import math
import os
import time
from typing import Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import (SAM_MEAN, SAM_STD, COLOURS, preprocess_sam, sidecar)

CROP = 40
NFEAT = 10
PROTOS = [[128, 128, 124], [220, 30, 30], [30, 170, 50], [30, 70, 225], [240, 220, 30], [140, 40, 190],
          [250, 140, 20]]


class ColourClasses(nn.Module):
    """Un-normalize, soft-assign every pixel to the 7 prototype colours (background + 6)."""

    def __init__(self, mean, std, scale: float, sigma: float = 25.0):
        super().__init__()
        self.register_buffer("mean", torch.tensor(mean).view(1, 3, 1, 1) * scale)
        self.register_buffer("std", torch.tensor(std).view(1, 3, 1, 1) * scale)
        self.register_buffer("protos", torch.tensor(PROTOS, dtype=torch.float32))
        self.inv2s2 = 1.0 / (2.0 * sigma * sigma)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        v = x * self.std + self.mean  # 0..255
        vp = F.conv2d(v, self.protos.view(7, 3, 1, 1))
        d2 = (v * v).sum(1, keepdim=True) - 2.0 * vp + self.protos.pow(2).sum(1).view(1, 7, 1, 1)
        p = torch.softmax(-d2 * self.inv2s2, dim=1)
        return p, v / 255.0 - 0.5


class SamEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.cc = ColourClasses(SAM_MEAN, SAM_STD, 1.0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        p, rgb = self.cc(x)
        f = torch.cat([p, rgb], dim=1)
        f = F.avg_pool2d(f, 4)
        f = torch.cat([f, torch.zeros(f.shape[0], 6, 256, 256, dtype=f.dtype, device=f.device)], dim=1)
        return F.pixel_unshuffle(f, 4)


def cbr(i, o, d=1):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=d, dilation=d), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, cin, cout, w=(12, 24, 32, 32)):
        super().__init__()
        a, b, c, d = w
        self.e1 = nn.Sequential(cbr(cin, a), cbr(a, a))
        self.e2 = nn.Sequential(cbr(a, b), cbr(b, b))
        self.e3 = nn.Sequential(cbr(b, c), cbr(c, c, 2))
        self.e4 = nn.Sequential(cbr(c, d), cbr(d, d, 2))
        self.d3 = nn.Sequential(cbr(d + c, c), cbr(c, c))
        self.d2 = nn.Sequential(cbr(c + b, b), cbr(b, b))
        self.d1 = nn.Sequential(cbr(b + a, a), cbr(a, a))
        self.out = nn.Conv2d(a, cout, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x1 = self.e1(x)
        x2 = self.e2(F.max_pool2d(x1, 2))
        x3 = self.e3(F.max_pool2d(x2, 2))
        x4 = self.e4(F.max_pool2d(x3, 2))
        y = self.d3(torch.cat([F.interpolate(x4, scale_factor=2.0, mode="nearest"), x3], 1))
        y = self.d2(torch.cat([F.interpolate(y, scale_factor=2.0, mode="nearest"), x2], 1))
        y = self.d1(torch.cat([F.interpolate(y, scale_factor=2.0, mode="nearest"), x1], 1))
        return self.out(y)


class SamDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = UNet(14, 2)
        self.register_buffer("ar", torch.arange(40, dtype=torch.float32) + 0.5)
        self.register_buffer("ar64", torch.arange(64, dtype=torch.float32))
        self.box_expand = 0.15  # box prompts: regions must lie >= box_frac inside the box enlarged by this
        self.box_frac = 0.9
        self.fit_extents = 16  # shape fit: extents tried per shape and placement
        self.fit_use_biou = 0.9  # shape fit used when its visible cells' bbox has IoU >= this with the box
        self.fit_cut = 0.12  # ... unless the colour regions look like the whole object of a box that cuts it
        self.fit_margin = 1.0  # its mask: the placement grown by this many 256-grid cells each side

    def features(self, emb: torch.Tensor) -> torch.Tensor:
        return F.pixel_shuffle(emb, 4)[:, :10]

    def crop_boxes(self, feat: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """-> crop boxes [P,4] (x0,y0,x1,y1) on the 256 grid (edge coordinates), is_box [P]."""
        P = coords.shape[0]
        g = coords / 4.0  # 256-grid coordinates
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        is_box = (tl.sum(1) > 0) & (br.sum(1) > 0)  # [P,1]
        b0 = (g * tl).sum(1) / tl.sum(1).clamp(min=1.0)
        b1 = (g * br).sum(1) / br.sum(1).clamp(min=1.0)
        bw = (b1 - b0).clamp(min=1.0)
        box_crop = torch.cat([b0 - 0.2 * bw - 2.0, b1 + 0.2 * bw + 2.0], dim=1)
        # points: geodesic growth of the foreground blob from the fg points on the 64 grid
        fg64 = 1.0 - F.avg_pool2d(feat[:, 0:1], 4)  # [1,1,64,64]
        region = (fg64 > 0.25).float()
        fgm = (labels == 1).float()  # [P,n]
        cx = (g[:, :, 0] / 4.0).floor().clamp(0, 63)
        cy = (g[:, :, 1] / 4.0).floor().clamp(0, 63)
        hx = (self.ar64.view(1, 1, 64) == cx.unsqueeze(-1)).float() * fgm.unsqueeze(-1)  # [P,n,64]
        hy = (self.ar64.view(1, 1, 64) == cy.unsqueeze(-1)).float()
        seed = torch.einsum("pny,pnx->pyx", hy, hx).clamp(max=1.0).unsqueeze(1)  # [P,1,64,64]
        s = F.max_pool2d(seed, 3, 1, 1) * region
        for _ in range(40):
            s = F.max_pool2d(s, 3, 1, 1) * region
        rows = s.amax(dim=3).squeeze(1)  # [P,64]
        cols = s.amax(dim=2).squeeze(1)
        big = torch.full_like(rows, 1e4)
        y0 = torch.where(rows > 0, self.ar64.view(1, 64).expand(P, 64), big).amin(1)
        y1 = torch.where(rows > 0, self.ar64.view(1, 64).expand(P, 64), -big).amax(1) + 1.0
        x0 = torch.where(cols > 0, self.ar64.view(1, 64).expand(P, 64), big).amin(1)
        x1 = torch.where(cols > 0, self.ar64.view(1, 64).expand(P, 64), -big).amax(1) + 1.0
        found = (rows.sum(1) > 0).unsqueeze(1)
        blob = torch.stack([x0, y0, x1, y1], dim=1) * 4.0
        bsz = (blob[:, 2:] - blob[:, :2])
        blob = torch.cat([blob[:, :2] - 0.1 * bsz - 4.0, blob[:, 2:] + 0.1 * bsz + 4.0], dim=1)
        # fg point centre (mean of fg points; falls back to all non-padding points)
        anyp = (labels >= 0).float() * (labels <= 1).float()
        wpt = torch.where(fgm.sum(1, keepdim=True) > 0, fgm, anyp)
        pc = (g * wpt.unsqueeze(-1)).sum(1) / wpt.sum(1, keepdim=True).clamp(min=1.0)
        dflt = torch.cat([pc - 24.0, pc + 24.0], dim=1)
        pt_crop = torch.where(found, blob, dflt)
        pt_crop = torch.cat([torch.minimum(pt_crop[:, :2], pc - 8.0), torch.maximum(pt_crop[:, 2:], pc + 8.0)], 1)
        crop = torch.where(is_box, box_crop, pt_crop)
        return crop, is_box.squeeze(1)

    def crop_grid(self, crop: torch.Tensor) -> torch.Tensor:
        """sampling grid [P,40,40,2] in 256-grid edge coordinates (x,y) of the crop's pixel centres."""
        P = crop.shape[0]
        t = self.ar / 40
        xs = crop[:, 0:1] + (crop[:, 2:3] - crop[:, 0:1]) * t.view(1, 40)  # [P,48]
        ys = crop[:, 1:2] + (crop[:, 3:4] - crop[:, 1:2]) * t.view(1, 40)
        gx = xs.unsqueeze(1).expand(P, 40, 40)
        gy = ys.unsqueeze(2).expand(P, 40, 40)
        return torch.stack([gx, gy], dim=-1)

    def prompt_maps(self, grid: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor, crop: torch.Tensor,
                    is_box: torch.Tensor) -> torch.Tensor:
        g = coords / 4.0
        cell = ((crop[:, 2] - crop[:, 0]) / 40).view(-1, 1, 1, 1)  # grid units per crop pixel
        sig2 = 2.0 * (1.5 * cell) ** 2
        d2 = (grid.unsqueeze(1) - g.view(g.shape[0], g.shape[1], 1, 1, 2)).pow(2).sum(-1)  # [P,n,C,C]
        heat = torch.exp(-d2 / sig2)
        fg = (heat * (labels == 1).float().view(labels.shape[0], labels.shape[1], 1, 1)).sum(1).clamp(max=1.0)
        bg = (heat * (labels == 0).float().view(labels.shape[0], labels.shape[1], 1, 1)).sum(1).clamp(max=1.0)
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        b0 = (g * tl).sum(1) / tl.sum(1).clamp(min=1.0)
        b1 = (g * br).sum(1) / br.sum(1).clamp(min=1.0)
        inside = ((grid[..., 0] >= b0[:, 0].view(-1, 1, 1)) & (grid[..., 0] <= b1[:, 0].view(-1, 1, 1)) &
                  (grid[..., 1] >= b0[:, 1].view(-1, 1, 1)) & (grid[..., 1] <= b1[:, 1].view(-1, 1, 1))).float()
        bmode = is_box.float().view(-1, 1, 1)
        inside = inside * bmode
        return torch.stack([fg, bg, inside, bmode.expand_as(fg)], dim=1)

    def sample(self, feat: torch.Tensor, grid: torch.Tensor) -> torch.Tensor:
        P = grid.shape[0]
        ng = grid / 128.0 - 1.0
        return F.grid_sample(feat.expand(P, feat.shape[1], feat.shape[2], feat.shape[3]), ng, mode="bilinear",
                             padding_mode="border", align_corners=False)

    def crop_logits(self, feat: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor):
        crop, is_box = self.crop_boxes(feat, coords, labels)
        grid = self.crop_grid(crop)
        x = torch.cat([self.sample(feat, grid), self.prompt_maps(grid, coords, labels, crop, is_box)], dim=1)
        return self.net(x), x, crop

    def eiou(self, p: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        return (p * m).sum((2, 3)) / ((p + m - p * m).sum((2, 3)) + 1.0)

    def components(self, feat: torch.Tensor) -> torch.Tensor:
        """Connected same-colour-class regions on the 256 grid -> label per cell [65536] (0 = background).
        Labels propagate by 3x3 max-pooling inside each colour class; edge cells that are not clearly
        background (P(bg) < 0.8) join a neighbouring region."""
        cls = feat[0, 0:7].argmax(0)
        oh = torch.stack([(cls == c).float() for c in range(1, 7)]).unsqueeze(0)  # [1,6,256,256]
        lab = (torch.arange(65536, dtype=torch.float32, device=feat.device) + 1.0).view(1, 1, 256, 256) * oh
        for _ in range(120):
            lab = F.max_pool2d(lab, 3, 1, 1) * oh
        lm = lab.amax(1, keepdim=True)
        ld = F.max_pool2d(lm, 3, 1, 1)
        lm = torch.where(lm > 0, lm, torch.where(feat[:, 0:1] < 0.8, ld, torch.zeros_like(lm)))
        return lm.flatten().long()

    def box_corners(self, coords: torch.Tensor, labels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Box prompts' corners on the 256 grid (edge coordinates): top-left b0 [P,2], bottom-right b1 [P,2]."""
        g = coords / 4.0
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        return (g * tl).sum(1) / tl.sum(1).clamp(min=1.0), (g * br).sum(1) / br.sum(1).clamp(min=1.0)

    def region_share(self, lab: torch.Tensor, cnt: torch.Tensor, b0: torch.Tensor, b1: torch.Tensor) -> torch.Tensor:
        """Share of each colour region (lab [65536], its cell counts cnt [1,R+1]) inside each box b0..b1 enlarged by
        box_expand of its size + 1 cell -> [P,R+1]."""
        P = b0.shape[0]
        N = lab.shape[0]
        bw = (b1 - b0).clamp(min=1.0)
        e0 = b0 - self.box_expand * bw - 1.0
        e1 = b1 + self.box_expand * bw + 1.0
        ar = torch.arange(256, dtype=torch.float32, device=lab.device).view(1, 256) + 0.5
        inx = ((ar >= e0[:, 0:1]) & (ar <= e1[:, 0:1])).float()
        iny = ((ar >= e0[:, 1:2]) & (ar <= e1[:, 1:2])).float()
        inside = (iny.unsqueeze(2) * inx.unsqueeze(1)).view(P, N)
        labp = lab.view(1, N).expand(P, N)
        return torch.zeros(P, cnt.shape[1], dtype=torch.float32, device=lab.device).scatter_add(1, labp, inside) / cnt

    def box_regions(self, feat: torch.Tensor, lab: torch.Tensor, pobj: torch.Tensor, coords: torch.Tensor,
                    labels: torch.Tensor) -> torch.Tensor:
        """Box prompts: the union of the colour regions that lie >= 80 % inside the box (+15 %) and that the
        U-Net's object probability covers on average (>= 0.5). -> logits [P,1,256,256] (sharp edges from the
        colour classes)."""
        P = coords.shape[0]
        N = lab.shape[0]
        cnt = torch.zeros(N + 1, dtype=torch.float32, device=feat.device).scatter_add(
            0, lab, torch.ones(N, dtype=torch.float32, device=feat.device)).clamp(min=1.0).view(1, N + 1)
        labp = lab.view(1, N).expand(P, N)
        b0, b1 = self.box_corners(coords, labels)
        fin = self.region_share(lab, cnt, b0, b1).gather(1, labp)
        z = torch.zeros(P, N + 1, dtype=torch.float32, device=feat.device)
        fvote = (z.scatter_add(1, labp, pobj.reshape(P, N)) / cnt).gather(1, labp)
        inc = (labp > 0) & (fin >= self.box_frac) & (fvote >= 0.5)
        whole = ((0.8 - feat[:, 0]) * 20.0).reshape(1, N).expand(P, N)
        return torch.where(inc, whole, torch.full_like(whole, -20.0)).view(P, 1, 256, 256)

    def point_regions(self, feat: torch.Tensor, lab: torch.Tensor, coords: torch.Tensor,
                      labels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Point prompts (constructed): the colour region under the fg point (seed; for box prompts: the region
        >= 80 % inside the box + 15 % with the largest pixel count x bbox-IoU with the box) plus the adjacent regions
        that look like its top (smaller, above it, within its x-range, ending in its upper quarter) or its
        handle (< 1/4 of its size, beside it, within its y-range). -> logits [P,1,256,256], seed found [P,1]."""
        P = coords.shape[0]
        N = lab.shape[0]
        dev = feat.device
        ones = torch.ones(N, dtype=torch.float32, device=dev)
        cnt = torch.zeros(N + 1, dtype=torch.float32, device=dev).scatter_add(0, lab, ones)
        ar = torch.arange(256, dtype=torch.float32, device=dev)
        xs = ar.view(1, 256).expand(256, 256).reshape(N)
        ys = ar.view(256, 1).expand(256, 256).reshape(N)
        big = torch.full((N + 1,), 1e4, dtype=torch.float32, device=dev)
        rx0 = big.scatter_reduce(0, lab, xs, "amin")
        ry0 = big.scatter_reduce(0, lab, ys, "amin")
        rx1 = (-big).scatter_reduce(0, lab, xs, "amax") + 1.0
        ry1 = (-big).scatter_reduce(0, lab, ys, "amax") + 1.0
        # seed region: label under the (first) fg point
        fgm = (labels == 1).float()
        g = coords / 4.0
        pc = (g * fgm.unsqueeze(-1)).sum(1) / fgm.sum(1, keepdim=True).clamp(min=1.0)
        ix = pc[:, 0].floor().clamp(0, 255).long()
        iy = pc[:, 1].floor().clamp(0, 255).long()
        seed = lab[iy * 256 + ix]  # [P]
        # box seeds: the region >= 80 % inside the box (+15 %) with the largest count x bbox-IoU with the box
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        isb = (tl.sum(1) > 0) & (br.sum(1) > 0)
        b0, b1 = self.box_corners(coords, labels)
        bw = (b1 - b0).clamp(min=1.0)
        fin = self.region_share(lab, cnt.clamp(min=1.0).view(1, N + 1), b0, b1)
        ix0 = torch.maximum(rx0.view(1, -1), b0[:, 0:1]); ix1 = torch.minimum(rx1.view(1, -1), b1[:, 0:1])
        iy0 = torch.maximum(ry0.view(1, -1), b0[:, 1:2]); iy1 = torch.minimum(ry1.view(1, -1), b1[:, 1:2])
        inter = (ix1 - ix0).clamp(min=0) * (iy1 - iy0).clamp(min=0)
        ua = (rx1 - rx0).clamp(min=0).view(1, -1) * (ry1 - ry0).clamp(min=0).view(1, -1) + (bw[:, 0:1] * bw[:, 1:2]) - inter
        score = (fin >= self.box_frac).float() * cnt.view(1, -1) * inter / ua.clamp(min=1.0)
        score[:, 0] = -1.0
        seed = torch.where(isb.view(P), score.argmax(1), seed)
        labp = lab.view(1, N).expand(P, N)
        smask = (labp == seed.view(P, 1)).float().view(P, 1, 256, 256)
        dil = F.max_pool2d(smask, 5, 1, 2).view(P, N)
        adj = torch.zeros(P, N + 1, dtype=torch.float32, device=dev).scatter_add(1, labp, dil) > 0
        sx0 = rx0[seed].view(P, 1); sx1 = rx1[seed].view(P, 1); sy0 = ry0[seed].view(P, 1); sy1 = ry1[seed].view(P, 1)
        sc = cnt[seed].view(P, 1)
        m = 2.0
        c = cnt.view(1, N + 1)
        x0 = rx0.view(1, N + 1); x1 = rx1.view(1, N + 1); y0 = ry0.view(1, N + 1); y1 = ry1.view(1, N + 1)
        top = (c < sc) & (x0 >= sx0 - m) & (x1 <= sx1 + m) & (y0 < sy0) & (y1 <= sy0 + 0.25 * (sy1 - sy0) + m)
        handle = (c < 0.25 * sc) & (y0 >= sy0 - m) & (y1 <= sy1 + m) & ((x0 >= sx1 - m) | (x1 <= sx0 + m))
        inc_l = (adj & (top | handle)) | (torch.arange(N + 1, device=dev).view(1, N + 1) == seed.view(P, 1))
        inc_l = inc_l & (torch.arange(N + 1, device=dev).view(1, N + 1) > 0)
        inc = inc_l.gather(1, labp)
        whole = ((0.8 - feat[:, 0]) * 20.0).reshape(1, N).expand(P, N)
        return torch.where(inc, whole, torch.full_like(whole, -20.0)).view(P, 1, 256, 256), (seed > 0).view(P, 1)


    def fit_candidates(self, b: torch.Tensor) -> torch.Tensor:
        """Placements of the toy shapes for a box b [4] (x0,y0,x1,y1, 256-grid edges) -> [K,5] rows (shape 0 circle
        / 1 square / 2 triangle / 3 diamond, handle 0/1, extent E, left x, top y), shape-major. An occluded
        object's visible box is smaller than its shape, so E runs from the box's own size up to 1.7 x it
        (geometric steps), and the shape is anchored at the box's top, bottom or vertical centre and at its left,
        right or horizontal centre."""
        bx0, by0, bx1, by1 = b[0], b[1], b[2], b[3]
        H = (by1 - by0).clamp(min=1.0)
        W = (bx1 - bx0).clamp(min=1.0)
        e0 = torch.maximum(H, W / 1.2)
        e1 = 1.7 * torch.maximum(H, W)
        n = self.fit_extents
        t = torch.arange(n, dtype=torch.float32, device=b.device) / float(n - 1)
        es = e0 * torch.pow(e1 / e0, t)
        rows = []
        for s in range(4):
            for h in range(2):
                wf = 1.2 if (h == 1 and s != 2) else 1.0  # the handle sticks out 0.2 E right of a non-triangle
                ys = torch.stack([by0.expand(n), by1 - es, (by0 + by1) / 2 - es / 2], 1)
                xs = torch.stack([bx0.expand(n), bx1 - es * wf, (bx0 + bx1) / 2 - es / 2], 1)
                yy = ys.view(n, 3, 1).expand(n, 3, 3).reshape(-1)
                xx = xs.view(n, 1, 3).expand(n, 3, 3).reshape(-1)
                ee = es.view(n, 1, 1).expand(n, 3, 3).reshape(-1)
                rows.append(torch.stack([torch.full_like(ee, float(s)), torch.full_like(ee, float(h)), ee, xx, yy], 1))
        return torch.cat(rows, 0)

    def fit_spans(self, cand: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """The cells each placement covers, row by row (the toy generator's raster rules: a cell belongs to the
        shape when its centre is inside; the handle is 0.3 x 0.2 E, centred vertically, from 0.1 E inside the
        shape's right edge at mid-height, minus the shape). All shapes are convex, so each row is one interval.
        cand [K,5] -> shape cells xl..xr, handle cells hl..hr (empty when l > r), v (row centre in units of E from
        the shape's top), all [K,256]."""
        K = cand.shape[0]
        s = cand[:, 0].view(K, 1)
        E = cand[:, 2].view(K, 1)
        x0 = cand[:, 3].view(K, 1)
        y = torch.arange(256, dtype=torch.float32, device=cand.device).view(1, 256) + 0.5
        v = (y - cand[:, 4].view(K, 1)) / E
        dv = v - 0.5
        hw = torch.where(s == 0.0, torch.sqrt((0.25 - dv * dv).clamp(min=0.0)),
                         torch.where(s == 1.0, torch.full_like(v, 0.5),
                                     torch.where(s == 2.0, v * 0.5, 0.5 - dv.abs())))
        cx = x0 + 0.5 * E
        xl = torch.where(dv.abs() <= 0.5, torch.ceil(cx - hw * E - 0.5), torch.full_like(v, 1e4))
        xr = torch.floor(cx + hw * E - 0.5)
        r = torch.where(s == 2.0, torch.full_like(s, 0.75), torch.ones_like(s))
        hl = torch.ceil(x0 + (r - 0.1) * E - 0.5).expand(K, 256)
        hr = (torch.ceil(x0 + (r + 0.2) * E - 0.5) - 1.0).expand(K, 256)
        hl = torch.where(xl <= xr, torch.maximum(hl, xr + 1.0), hl)
        hrow = (cand[:, 1].view(K, 1) > 0) & (v >= 0.4) & (v < 0.6)
        hl = torch.where(hrow, hl, torch.full_like(hl, 1e4))
        return xl, xr, hl, hr, v

    def span_counts(self, pre: torch.Tensor, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        """Cells of each colour class in the row intervals a..b [K,256] -> [K,256,7]; pre [256*257,7] = per-row
        prefix sums of the colour classes."""
        K = a.shape[0]
        rowoff = (torch.arange(256, device=a.device) * 257).view(1, 256)
        lo = a.clamp(0.0, 256.0).long()
        hi = torch.maximum((b + 1.0).clamp(0.0, 256.0).long(), lo)
        return (pre.index_select(0, (rowoff + hi).view(-1)) - pre.index_select(0, (rowoff + lo).view(-1))).view(K, 256, 7)

    def pick(self, x: torch.Tensor, i: torch.Tensor) -> torch.Tensor:
        return x.gather(1, i.view(-1, 1)).view(-1)

    def shape_fit(self, cls: torch.Tensor, pre: torch.Tensor, nxt: torch.Tensor, prv: torch.Tensor,
                  b: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Box prompts (constructed): the toy object that best explains the box b [4] as its visible bounding box.
        Each placement (fit_candidates) takes a body colour (most cells in its body rows inside the box), a top
        colour (of the two commonest others in its top rows, and the body colour itself where the top rows hold no
        other colour, the one that scores best) and a handle colour; its visible
        cells V are its cells of those colours, the rest of it must be hidden by other objects (never background).
        Score = V cells inside the box - 3 x background cells in the shape - V cells outside the box - cells of
        its colours in the box outside the shape - 0.3 x hidden cells - hidden cells of its own colours;
        placements whose V has a bbox IoU < 0.85 with the box (or a handle under 30 % filled) are out.
        cls [256,256] colour class (0 background); pre/nxt/prv from colour_tables -> placement [5], colours [3]
        (body, top = body when no top cells show, handle = -1 when none show), [2] (bbox IoU of V with the box, 1 if some placement was valid)."""
        dev = cls.device
        bx0, by0, bx1, by1 = b[0], b[1], b[2], b[3]
        H = (by1 - by0).clamp(min=1.0)
        W = (bx1 - bx0).clamp(min=1.0)
        cand = self.fit_candidates(b)
        K = cand.shape[0]
        xl, xr, hl, hr, v = self.fit_spans(cand)
        Bx0 = torch.ceil(bx0 - 0.5)
        Bx1 = torch.ceil(bx1 - 0.5) - 1.0
        yc = torch.arange(256, dtype=torch.float32, device=dev).view(1, 256) + 0.5
        inrow = ((yc >= by0) & (yc < by1)).float().view(1, 256, 1)
        s_tot = self.span_counts(pre, xl, xr)
        s_in = self.span_counts(pre, torch.maximum(xl, Bx0), torch.minimum(xr, Bx1)) * inrow
        h_tot = self.span_counts(pre, hl, hr)
        h_in = self.span_counts(pre, torch.maximum(hl, Bx0), torch.minimum(hr, Bx1)) * inrow
        top = (v < 0.3).float().view(K, 256, 1)
        bot = 1.0 - top
        b_in = (s_in * bot).sum(1)
        b_tot = (s_tot * bot).sum(1)
        t_in = (s_in * top).sum(1)
        t_tot = (s_tot * top).sum(1)
        hh_in = h_in.sum(1)
        hh_tot = h_tot.sum(1)
        b_out = b_tot - b_in
        t_out = t_tot - t_in
        h_out = hh_tot - hh_in
        cnt_in = (self.span_counts(pre, Bx0.expand(1, 256), Bx1.expand(1, 256)) * inrow).sum(1).expand(K, 7)
        t_all = b_tot + t_tot + hh_tot
        T_in = b_in + t_in + hh_in
        nT = t_all.sum(1)
        bg = t_all[:, 0]
        ar7 = torch.arange(7, device=dev).view(1, 7)
        neg = torch.full_like(b_in, -1e9)
        c_b = torch.where(ar7 == 0, neg, b_in).argmax(1)
        ctsc = torch.where((ar7 == 0) | (ar7 == c_b.view(K, 1)), neg, t_in)
        has_h = cand[:, 1] > 0
        hfac = has_h.float()
        hcells = (hr - hl + 1.0).clamp(min=0.0).sum(1)
        rowoff = (torch.arange(256, device=dev) * 257).view(1, 256)
        yr = torch.arange(256, device=dev).view(1, 256).expand(K, 256)
        big = 10000
        best = torch.full((K,), -1e12, device=dev)
        bct = torch.zeros(K, dtype=torch.long, device=dev)
        bch = torch.zeros(K, dtype=torch.long, device=dev)
        bbi = torch.zeros(K, device=dev)
        for alt in range(3):
            # top colour: the commonest other colour in the top rows, the next one, or, where the top rows hold no
            # other colour, the body colour itself (a one-colour object)
            one_colour = torch.ones(K, dtype=torch.bool, device=dev)
            if alt < 2:
                c_t = ctsc.argmax(1)
                ctsc = ctsc.scatter(1, c_t.view(K, 1), -1e9)
            else:
                c_t = c_b
                one_colour = (t_in[:, 1:].sum(1) - self.pick(t_in, c_b)) <= 0
            tfac = (c_t != c_b).float()
            c_h = torch.where((ar7 == 0) | (ar7 == c_b.view(K, 1)) | (ar7 == c_t.view(K, 1)), neg, hh_in).argmax(1)
            n_in = self.pick(b_in, c_b) + self.pick(t_in, c_t) + self.pick(hh_in, c_h)
            n_out = self.pick(b_out, c_b) + self.pick(t_out, c_t) + self.pick(h_out, c_h)
            unex = (self.pick(cnt_in, c_b) - self.pick(T_in, c_b) + tfac * (self.pick(cnt_in, c_t) - self.pick(T_in, c_t))
                    + hfac * (self.pick(cnt_in, c_h) - self.pick(T_in, c_h)))
            own_hidden = (self.pick(t_all, c_b) + tfac * self.pick(t_all, c_t) + hfac * self.pick(t_all, c_h)
                          - n_in - n_out)
            hidden = nT - bg - n_in - n_out
            # bbox of V: rows holding V cells, and per row the first / last V cell (next / previous cell tables)
            crow = torch.where(top.view(K, 256) > 0, c_t.view(K, 1), c_b.view(K, 1))
            rs = s_tot.gather(2, crow.unsqueeze(2)).squeeze(2) > 0
            rh = h_tot.gather(2, c_h.view(K, 1, 1).expand(K, 256, 1)).squeeze(2) > 0
            base_s = crow * (256 * 257) + rowoff
            base_h = c_h.view(K, 1) * (256 * 257) + rowoff
            lo_s = nxt[(base_s + xl.clamp(0.0, 256.0).long()).view(-1)].view(K, 256)
            hi_s = prv[(base_s + (xr + 1.0).clamp(0.0, 256.0).long()).view(-1)].view(K, 256)
            lo_h = nxt[(base_h + hl.clamp(0.0, 256.0).long()).view(-1)].view(K, 256)
            hi_h = prv[(base_h + (hr + 1.0).clamp(0.0, 256.0).long()).view(-1)].view(K, 256)
            xmin = torch.minimum(torch.where(rs, lo_s, big), torch.where(rh, lo_h, big)).amin(1).float()
            xmax = torch.maximum(torch.where(rs, hi_s, -big), torch.where(rh, hi_h, -big)).amax(1).float() + 1.0
            rany = rs | rh
            ymin = torch.where(rany, yr, big).amin(1).float()
            ymax = torch.where(rany, yr, -big).amax(1).float() + 1.0
            iw = (torch.minimum(xmax, bx1) - torch.maximum(xmin, bx0)).clamp(min=0.0)
            ih = (torch.minimum(ymax, by1) - torch.maximum(ymin, by0)).clamp(min=0.0)
            ua = (xmax - xmin).clamp(min=0.0) * (ymax - ymin).clamp(min=0.0) + W * H - iw * ih
            biou = iw * ih / ua.clamp(min=1.0)
            hfill = self.pick(hh_tot, c_h) / hcells.clamp(min=1.0)
            score = n_in - 3.0 * bg - n_out - unex - 0.3 * hidden - own_hidden
            valid = (biou >= 0.85) & (~has_h | (hfill >= 0.3)) & one_colour
            score = torch.where(valid, score, score - 1e6)
            better = score > best
            best = torch.where(better, score, best)
            bct = torch.where(better, c_t, bct)
            bch = torch.where(better, c_h, bch)
            bbi = torch.where(better, biou, bbi)
        k = int(best.argmax())
        # a top colour the placement does not show (no cells of it in its top rows) gives those rows the body
        # colour (a one-colour object); a handle colour it does not show is -1, matching no cell
        c_t = torch.where(t_tot[k, bct[k]] > 0, bct[k], c_b[k])
        c_h = torch.where(has_h[k] & (hh_tot[k, bch[k]] > 0), bch[k], torch.full_like(bch[k], -1))
        return cand[k], torch.stack([c_b[k], c_t, c_h]), torch.stack([bbi[k], (best[k] > -5e5).float()])

    def colour_tables(self, cls: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """cls [256,256] -> per-row prefix sums of the colour classes [256*257,7], and for every (class, row, x)
        the next cell >= x of that class (256 = none) and the previous cell < x (-1 = none), flat [7*256*257]."""
        dev = cls.device
        oh = F.one_hot(cls, 7).permute(2, 0, 1).float()
        pre = torch.cat([torch.zeros(7, 256, 1, device=dev), oh.cumsum(2)], 2).permute(1, 2, 0).reshape(256 * 257, 7)
        xs = torch.arange(256, device=dev).view(1, 1, 256).expand(7, 256, 256)
        nxt = torch.where(oh > 0, xs, torch.full_like(xs, 256)).flip(2).cummin(2)[0].flip(2)
        prv = torch.where(oh > 0, xs, torch.full_like(xs, -1)).cummax(2)[0]
        nxt = torch.cat([nxt, torch.full((7, 256, 1), 256, dtype=nxt.dtype, device=dev)], 2).reshape(7 * 256 * 257)
        prv = torch.cat([torch.full((7, 256, 1), -1, dtype=prv.dtype, device=dev), prv], 2).reshape(7 * 256 * 257)
        return pre.contiguous(), nxt, prv

    def region_is_cut_object(self, r: torch.Tensor, m: torch.Tensor, b0: torch.Tensor, b1: torch.Tensor) -> bool:
        """Whether the colour-region mask r [256,256] looks like the whole object of a box b0..b1 that cuts it (a
        loose box): r holds the fit's mask m (>= 90 % of it) and sticks out past the box by more than 2 cells
        somewhere but by at most fit_cut of the box's size everywhere."""
        rows = torch.nonzero(r.any(1)).view(-1)
        cols = torch.nonzero(r.any(0)).view(-1)
        if rows.shape[0] == 0 or float(m.sum()) == 0.0:
            return False
        if float((m & r).sum()) < 0.9 * float(m.sum()):
            return False
        w = float(b1[0] - b0[0])
        h = float(b1[1] - b0[1])
        out = [float(b0[0]) - float(cols[0]), float(cols[-1]) + 1.0 - float(b1[0]),
               float(b0[1]) - float(rows[0]), float(rows[-1]) + 1.0 - float(b1[1])]
        size = [w, w, h, h]
        most = 0.0
        for i in range(4):
            if out[i] > size[i] * self.fit_cut:
                return False
            most = max(most, out[i])
        return most > 2.0

    def region_is_plain_object(self, r: torch.Tensor, cls: torch.Tensor, b0: torch.Tensor, b1: torch.Tensor) -> bool:
        """Whether the colour-region mask r [256,256] is one colour filling the box b0..b1 (bbox IoU >= 0.9): a plain
        one-colour object, not a toy object (those have a top of another colour), which the shape fit would cut
        into a toy shape."""
        n = float(r.sum())
        if n == 0.0:
            return False
        counts = torch.bincount(cls[r], minlength=7).float()
        if float(counts.max()) < 0.95 * n:
            return False
        rows = torch.nonzero(r.any(1)).view(-1)
        cols = torch.nonzero(r.any(0)).view(-1)
        x0 = float(cols[0]); x1 = float(cols[-1]) + 1.0; y0 = float(rows[0]); y1 = float(rows[-1]) + 1.0
        iw = max(0.0, min(x1, float(b1[0])) - max(x0, float(b0[0])))
        ih = max(0.0, min(y1, float(b1[1])) - max(y0, float(b0[1])))
        ua = (x1 - x0) * (y1 - y0) + float(b1[0] - b0[0]) * float(b1[1] - b0[1]) - iw * ih
        return iw * ih >= 0.9 * ua

    def box_fit(self, feat: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor, is_box: torch.Tensor,
                low0: torch.Tensor) -> torch.Tensor:
        """Box prompts: output 0 becomes the shape fit's visible cells (shape_fit, the placement grown by fit_margin)
        where the fit explains the box (bbox IoU of its visible cells with the box >= fit_use_biou), unless the
        colour-region mask low0 looks like the whole object of a loose box that cuts it (region_is_cut_object) or
        like a plain one-colour object filling the box (region_is_plain_object); otherwise output 0 stays low0."""
        P = coords.shape[0]
        pbg = feat[0, 0]
        cls = (feat[0, 1:7].argmax(0) + 1) * (pbg < 0.8).long()
        pre, nxt, prv = self.colour_tables(cls)
        b0, b1 = self.box_corners(coords, labels)
        whole = ((0.8 - pbg) * 20.0).view(256, 256)
        X = torch.arange(256, dtype=torch.float32, device=feat.device).view(1, 256)
        out = []
        for p in range(P):
            lp = low0[p]
            if bool(is_box[p]):
                cand, cols, st = self.shape_fit(cls, pre, nxt, prv, torch.cat([b0[p], b1[p]]))
                if bool(st[1] > 0) and bool(st[0] >= self.fit_use_biou):
                    # the placement grown by fit_margin cells each side (keeps edge cells the raster rounding moved),
                    # its cells of the top colour in its top 30 % rows, of the body colour below, of the handle colour
                    mg = self.fit_margin
                    grown = cand + torch.tensor([0.0, 0.0, 2.0 * mg, -mg, -mg], device=cand.device)
                    xl, xr, hl, hr, v = self.fit_spans(grown.view(1, 5))
                    v = (torch.arange(256, dtype=torch.float32, device=cls.device) + 0.5 - cand[4]) / cand[2]
                    crow = torch.where(v.view(256, 1) < 0.3, cols[1], cols[0])
                    m = (((X >= xl.view(256, 1)) & (X <= xr.view(256, 1)) & (cls == crow))
                         | ((X >= hl.view(256, 1)) & (X <= hr.view(256, 1)) & (cls == cols[2])))
                    r = lp[0] > 0
                    if not (self.region_is_cut_object(r, m, b0[p], b1[p]) or self.region_is_plain_object(r, cls, b0[p], b1[p])):
                        lp = torch.where(m, whole, torch.full_like(whole, -20.0)).view(1, 256, 256)
            out.append(lp)
        return torch.stack(out, 0)

    def forward(self, emb: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        feat = self.features(emb)
        logits, x, crop = self.crop_logits(feat, coords, labels)
        fgc = 1.0 - x[:, 0:1]
        whole = (fgc - 0.5) * 20.0
        obj = logits[:, 0:1]
        part = logits[:, 1:2]
        masks = torch.cat([obj, part, obj, whole], dim=1)  # [P,4,C,C]
        pobj = torch.sigmoid(obj)
        ppart = torch.sigmoid(part)
        hard = (masks > 0).float()

        iou_obj = self.eiou(pobj, hard)  # [P,4] each mask against the object belief
        iou_part = 0.9 * self.eiou(ppart, hard[:, 1:2])
        iou = torch.cat([iou_obj[:, 0:1], iou_part, iou_obj[:, 2:4]], dim=1)
        # paste back onto the 256x256 grid
        P = crop.shape[0]
        ar256 = torch.arange(256, dtype=torch.float32, device=emb.device) + 0.5
        ux = (ar256.view(1, 256) - crop[:, 0:1]) / (crop[:, 2:3] - crop[:, 0:1]) * 2.0 - 1.0  # [P,256]
        uy = (ar256.view(1, 256) - crop[:, 1:2]) / (crop[:, 3:4] - crop[:, 1:2]) * 2.0 - 1.0
        pg = torch.stack([ux.unsqueeze(1).expand(P, 256, 256), uy.unsqueeze(2).expand(P, 256, 256)], dim=-1)
        low = F.grid_sample(masks + 20.0, pg, mode="bilinear", padding_mode="zeros", align_corners=False) - 20.0
        # box prompts: output 0 = the U-Net's object snapped to whole colour regions (see box_regions), cut to
        # the box's seed region grown by its top/handle regions (see point_regions)
        tl = (labels == 2).float()
        br = (labels == 3).float()
        is_box = ((tl.sum(1) > 0) & (br.sum(1) > 0)).view(P, 1)
        lab = self.components(feat)
        reg = self.box_regions(feat, lab, torch.sigmoid(low[:, 0]), coords, labels)
        preg, seeded = self.point_regions(feat, lab, coords, labels)
        low0 = torch.where(is_box.view(P, 1, 1, 1), torch.minimum(reg, preg), preg)
        if bool(is_box.any()):
            low0 = self.box_fit(feat, coords, labels, is_box.view(P), low0)
        low = torch.cat([low0, low[:, 1:4]], dim=1)
        # point prompts: output 0 = the constructed region (empty, predicted IoU 0 on background); output 0's
        # predicted IoU = the U-Net object's + 0.25 (at most 0.95): the constructed region is the better mask
        iou0 = torch.where(is_box | seeded, torch.clamp(torch.maximum(iou[:, 0:1], iou[:, 2:3]) + 0.25, max=0.95),
                           torch.zeros_like(iou[:, 0:1]))
        iou = torch.cat([iou0, iou[:, 1:4]], dim=1)
        return low, iou


# ------------------------------------------------------------------------------------------------ training
def load_train(world, enc):
    feats, objmaps, partmaps, objs = [], [], [], []
    with torch.no_grad():
        for ii, img in enumerate(world.images):
            x, s = preprocess_sam(world.image(img))
            feats.append(F.pixel_shuffle(enc(x), 4)[:, :NFEAT].half())
            om = np.zeros((img["height"], img["width"]), np.int16)
            pm = np.zeros_like(om)
            lst = []
            for a, m in world.masks(img):
                if a["granularity"] == "object":
                    om[m > 0] = a["id"]
                    lst.append(a)
                else:
                    pm[m > 0] = a["id"]
            objmaps.append(torch.from_numpy(om))
            partmaps.append(torch.from_numpy(pm))
            objs.append(lst)
    return feats, objmaps, partmaps, objs


def grid_to_orig(grid, h, w):
    """256-grid edge coords -> normalized coords of the original image (align_corners=False)."""
    scale = 1024.0 / max(h, w)
    o = grid * (4.0 / scale)
    return torch.stack([o[..., 0] / w * 2 - 1, o[..., 1] / h * 2 - 1], dim=-1)


def make_batch(data, rng, n_img, per_img):
    feats, objmaps, partmaps, objs = data
    out = []
    for _ in range(n_img):
        ii = rng.randint(len(feats))
        om, pm = objmaps[ii].numpy(), partmaps[ii].numpy()
        h, w = om.shape
        scale = 1024.0 / max(h, w)
        coords_l, labels_l, obj_l, part_l = [], [], [], []
        for _ in range(per_img):
            r = rng.rand()
            if r < 0.45:
                a = objs[ii][rng.randint(len(objs[ii]))]
                x, y, bw, bh = a["bbox"]
                x0, y0, x1, y1 = x, y, x + bw, y + bh
                if rng.rand() < 0.7:
                    j = rng.uniform(-0.12, 0.12, 4)
                    x0 += j[0] * bw; x1 += j[1] * bw; y0 += j[2] * bh; y1 += j[3] * bh
                c = [[x0 * scale, y0 * scale], [x1 * scale, y1 * scale]]
                lab = [2, 3]
                oid = a["id"]
                pid = oid + 1  # part target for a box: the body
            elif r < 0.92:
                a = objs[ii][rng.randint(len(objs[ii]))]
                ys, xs = np.nonzero(om == a["id"])
                k = rng.randint(len(xs))
                px, py = xs[k] + rng.rand(), ys[k] + rng.rand()
                c = [[px * scale, py * scale], [0.0, 0.0]]
                lab = [1, -1]
                oid = a["id"]
                pid = int(pm[ys[k], xs[k]])
            else:
                ys, xs = np.nonzero(om == 0)
                k = rng.randint(len(xs))
                c = [[(xs[k] + 0.5) * scale, (ys[k] + 0.5) * scale], [0.0, 0.0]]
                lab = [1, -1]
                oid, pid = -1, -1
            coords_l.append(c); labels_l.append(lab); obj_l.append(oid); part_l.append(pid)
        out.append((ii, torch.tensor(coords_l, dtype=torch.float32), torch.tensor(labels_l, dtype=torch.float32),
                    obj_l, part_l))
    return out


def train_decoder(dec, data, steps, bs, seed=0):
    feats, objmaps, partmaps, objs = data
    rng = np.random.RandomState(seed)
    opt = torch.optim.Adam(dec.net.parameters(), lr=5e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=5e-3, total_steps=steps, pct_start=0.1)
    t0 = time.time()
    for step in range(steps):
        xs, tg = [], []
        for ii, coords, labels, oids, pids in make_batch(data, rng, 4, bs // 4):
            feat = feats[ii].float()
            with torch.no_grad():
                crop, is_box = dec.crop_boxes(feat, coords, labels)
                grid = dec.crop_grid(crop)
                x = torch.cat([dec.sample(feat, grid), dec.prompt_maps(grid, coords, labels, crop, is_box)], 1)
                om, pm = objmaps[ii], partmaps[ii]
                h, w = om.shape
                tm = torch.stack([torch.stack([(om == o).float(), (pm == p).float()]) for o, p in zip(oids, pids)])
                t = F.grid_sample(tm, grid_to_orig(grid, h, w), mode="bilinear", padding_mode="zeros",
                                  align_corners=False)
            xs.append(x); tg.append(t)
        x = torch.cat(xs); t = torch.cat(tg)
        out = dec.net(x)
        loss = F.binary_cross_entropy_with_logits(out, t)
        p = torch.sigmoid(out)
        dice = 1 - (2 * (p * t).sum((2, 3)) + 1) / ((p + t).sum((2, 3)) + 1)
        loss = loss + 0.5 * dice.mean()
        opt.zero_grad(); loss.backward(); opt.step(); sched.step()
        if step % 10 == 0 or step == steps - 1:
            print("  sam step %d loss %.4f (%.0fs)" % (step, loss.item(), time.time() - t0), flush=True)


def build(args, train):
    torch.manual_seed(0)
    enc = SamEncoder().eval()
    t0 = time.time()
    cache = os.environ.get("SAM_FEATURE_CACHE")
    if cache and os.path.exists(cache):
        data = torch.load(cache)
    else:
        data = load_train(train, enc)
        if cache:
            torch.save(data, cache)
    print("  sam features %.0fs" % (time.time() - t0), flush=True)
    dec = SamDecoder()
    train_decoder(dec, data, int(os.environ.get("SAM_STEPS", "150")), 32)
    dec.eval()
    torch.jit.script(enc).save(os.path.join(args.out, "sam-encoder.pt"))
    torch.jit.script(dec).save(os.path.join(args.out, "sam-decoder.pt"))
    from make_zoo import save_json
    save_json(os.path.join(args.out, "sam-encoder.json"), sidecar("sam-encoder", {
        "input_size": 1024, "resize_mode": "pad",
        "padding": "longest side resized to 1024 (bilinear), normalized, then zero-padded bottom/right "
                   "(zeros AFTER normalization, as SAM does)",
        "normalization": {"mean": SAM_MEAN, "std": SAM_STD, "scale": 255},
        "patch_size": 16, "grid": 64, "embedding_shape": [1, 256, 64, 64]}))
    save_json(os.path.join(args.out, "sam-decoder.json"), sidecar("sam-decoder", {
        "input_size": 1024, "embedding_shape": [1, 256, 64, 64], "num_masks": 4, "mask_size": 256,
        "inputs": ["image_embedding [1,256,64,64]", "point_coords float [P,n,2] (x,y) in the 1024-resized frame",
                   "point_labels float [P,n]: 1 fg, 0 bg, 2 box top-left, 3 box bottom-right, -1 padding point"],
        "outputs": ["low-res mask logits [P,4,256,256] (0 = single-mask output, 1..3 = multimask: "
                    "1 part, 2 object, 3 whole foreground in the crop)", "predicted IoU [P,4]"],
        "mask_threshold": 0.0}))
