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
        self.tmpl_margin = 1.0  # template fit: shapes grown by this many 256-grid cells
        self.fit_bbox_iou = 0.9  # template fit used when its mask's bbox has IoU >= this with the box,
        self.fit_max_bg = 0.1  # and at most this share of the template is background

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
        g = coords / 4.0
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        b0 = (g * tl).sum(1) / tl.sum(1).clamp(min=1.0)
        b1 = (g * br).sum(1) / br.sum(1).clamp(min=1.0)
        bw = (b1 - b0).clamp(min=1.0)
        e0 = b0 - self.box_expand * bw - 1.0
        e1 = b1 + self.box_expand * bw + 1.0
        ar = torch.arange(256, dtype=torch.float32, device=feat.device).view(1, 256) + 0.5
        inx = ((ar >= e0[:, 0:1]) & (ar <= e1[:, 0:1])).float()
        iny = ((ar >= e0[:, 1:2]) & (ar <= e1[:, 1:2])).float()
        inside = (iny.unsqueeze(2) * inx.unsqueeze(1)).view(P, N)
        z = torch.zeros(P, N + 1, dtype=torch.float32, device=feat.device)
        fin = (z.scatter_add(1, labp, inside) / cnt).gather(1, labp)
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
        b0 = (g * tl).sum(1) / tl.sum(1).clamp(min=1.0)
        b1 = (g * br).sum(1) / br.sum(1).clamp(min=1.0)
        bw = (b1 - b0).clamp(min=1.0)
        e0 = b0 - self.box_expand * bw - 1.0
        e1 = b1 + self.box_expand * bw + 1.0
        arc = ar.view(1, 256) + 0.5
        inx = ((arc >= e0[:, 0:1]) & (arc <= e1[:, 0:1])).float()
        iny = ((arc >= e0[:, 1:2]) & (arc <= e1[:, 1:2])).float()
        inside = (iny.unsqueeze(2) * inx.unsqueeze(1)).view(P, N)
        labq = lab.view(1, N).expand(P, N)
        fin = torch.zeros(P, N + 1, dtype=torch.float32, device=dev).scatter_add(1, labq, inside) / cnt.clamp(min=1.0).view(1, N + 1)
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


    def shape_inside(self, s: int, u: torch.Tensor, v: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        """Toy shape s (0 circle, 1 square, 2 triangle, 3 diamond) drawn in the unit square, grown by m (all in
        units of the extent); u [P,1,W] / v [P,H,1] cell-centre coordinates, m [P,1,1] -> bool [P,H,W]."""
        du = u - 0.5
        dv = v - 0.5
        if s == 0:
            return du * du + dv * dv <= (0.5 + m) * (0.5 + m)
        if s == 1:
            return (du.abs() <= 0.5 + m) & (dv.abs() <= 0.5 + m)
        if s == 2:
            return (dv.abs() <= 0.5 + m) & (du.abs() <= v * 0.5 + m * 1.118)
        return du.abs() + dv.abs() <= 0.5 + m * 1.414

    def box_template(self, feat: torch.Tensor, b0: torch.Tensor, b1: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Box prompts (constructed): fit the four toy shape templates to the box b0..b1 ([P,2] each, 256-grid
        edge coordinates; extent = box height, shape in the box's left square), take the template's cells of
        the body colour (rows below its top 30 %), of the top colour (top 30 %) and of a handle colour (the
        handle rectangle, if filled), and keep the shape that explains the box best (object-colour cells inside
        minus 2 x background cells inside minus object-colour cells in the box outside the template).
        -> mask [P,65536] bool, stats [P,2] (background share inside the template, bbox IoU of the mask with
        the box), the mask's bbox [P,4] (x0,y0,x1,y1)."""
        P = b0.shape[0]
        N = 65536
        dev = feat.device
        pbg = feat[0, 0]
        cls = (feat[0, 1:7].argmax(0) + 1) * (pbg < 0.8).long()  # [256,256], 0 = background
        oh = torch.stack([(cls == c).float() for c in range(7)]).view(7, N)  # [7,N]
        E = (b1[:, 1] - b0[:, 1]).clamp(min=1.0).view(P, 1, 1)
        X = torch.arange(256, dtype=torch.float32, device=dev) + 0.5
        u = (X.view(1, 1, 256) - b0[:, 0].view(P, 1, 1)) / E  # [P,1,256]
        v = (X.view(1, 256, 1) - b0[:, 1].view(P, 1, 1)) / E  # [P,256,1]
        m = self.tmpl_margin / E
        inbox = (u >= 0) & (u <= (b1[:, 0] - b0[:, 0]).view(P, 1, 1) / E) & (v >= 0) & (v <= 1)
        topz = v < 0.3
        best = torch.full((P,), -1e9, dtype=torch.float32, device=dev)
        bmask = torch.zeros(P, N, dtype=torch.bool, device=dev)
        bstats = torch.zeros(P, 6, dtype=torch.float32, device=dev)
        ar7 = torch.arange(7, device=dev).view(1, 7)
        for s in range(4):
            T = self.shape_inside(s, u, v, m)  # [P,256,256]
            tb = (T & ~topz).float().view(P, N)
            tt = (T & topz).float().view(P, N)
            cb = tb @ oh.t()  # [P,7]
            cb[:, 0] = -1.0
            c_b = cb.argmax(1)
            ct = tt @ oh.t()
            ct = torch.where((ar7 == 0) | (ar7 == c_b.view(P, 1)), torch.full_like(ct, -1.0), ct)
            c_t = ct.argmax(1)
            mb = oh[c_b] > 0  # [P,N]
            mt = oh[c_t] > 0
            r = 1.0 if s != 2 else 0.75
            hr = ((u >= r - 0.1) & (u <= r + 0.2) & (v >= 0.4) & (v <= 0.6) & ~self.shape_inside(s, u, v, m * 0.0)).float().view(P, N)
            chh = hr @ oh.t()
            chh = torch.where((ar7 == 0) | (ar7 == c_b.view(P, 1)) | (ar7 == c_t.view(P, 1)), torch.full_like(chh, -1.0), chh)
            c_h = chh.argmax(1)
            hfill = chh.gather(1, c_h.view(P, 1)) / hr.sum(1, keepdim=True).clamp(min=1.0)
            hmask = (hr > 0) & (oh[c_h] > 0) & (hfill > 0.3)
            mask = ((tb > 0) & mb) | ((tt > 0) & mt) | hmask
            Tf = T.view(P, N)
            nT = Tf.float().sum(1)
            bgT = (Tf & (oh[0] > 0).view(1, N)).float().sum(1)
            outc = (inbox.view(P, N) & ~Tf & ~(hr > 0) & (mb | mt)).float().sum(1)
            fit = mask.float().sum(1) - 2.0 * bgT - outc
            mm = mask.view(P, 256, 256)
            rows = mm.any(2).float()
            cols = mm.any(1).float()
            arr = torch.arange(256, dtype=torch.float32, device=dev).view(1, 256)
            big = torch.full_like(rows, 1e4)
            my0 = torch.where(rows > 0, arr, big).amin(1)
            my1 = torch.where(rows > 0, arr, -big).amax(1) + 1.0
            mx0 = torch.where(cols > 0, arr, big).amin(1)
            mx1 = torch.where(cols > 0, arr, -big).amax(1) + 1.0
            iw = (torch.minimum(mx1, b1[:, 0]) - torch.maximum(mx0, b0[:, 0])).clamp(min=0)
            ih = (torch.minimum(my1, b1[:, 1]) - torch.maximum(my0, b0[:, 1])).clamp(min=0)
            ua = (mx1 - mx0).clamp(min=0) * (my1 - my0).clamp(min=0) + (b1[:, 0] - b0[:, 0]) * (b1[:, 1] - b0[:, 1]) - iw * ih
            biou = iw * ih / ua.clamp(min=1.0)
            st = torch.stack([bgT / nT.clamp(min=1.0), biou, mx0, my0, mx1, my1], dim=1)
            better = fit > best
            best = torch.where(better, fit, best)
            bmask = torch.where(better.view(P, 1), mask, bmask)
            bstats = torch.where(better.view(P, 1), st, bstats)
        return bmask, bstats[:, 0:2], bstats[:, 2:6]

    def box_fit(self, feat: torch.Tensor, lab: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor,
                is_box: torch.Tensor, low0: torch.Tensor) -> torch.Tensor:
        """Box prompts: output 0 becomes the shape-template fit (box_template) where the colour regions are
        unreliable (some cell of the fit's mask lies in a colour region that is < 90 % inside the box + 15 %,
        i.e. merged with something outside) and the fit is confident (its mask's bbox has IoU >= 0.9 with
        the box, under 10 % of the template is background). Otherwise output 0 stays the colour-region mask."""
        P = coords.shape[0]
        N = 65536
        g = coords / 4.0
        tl = (labels == 2).float().unsqueeze(-1)
        br = (labels == 3).float().unsqueeze(-1)
        b0 = (g * tl).sum(1) / tl.sum(1).clamp(min=1.0)
        b1 = (g * br).sum(1) / br.sum(1).clamp(min=1.0)
        m1, st1, bb1 = self.box_template(feat, b0, b1)
        # share of each region inside the enlarged box (as box_regions)
        cnt = torch.zeros(N + 1, dtype=torch.float32, device=feat.device).scatter_add(
            0, lab, torch.ones(N, dtype=torch.float32, device=feat.device)).clamp(min=1.0).view(1, N + 1)
        labp = lab.view(1, N).expand(P, N)
        bw = (b1 - b0).clamp(min=1.0)
        e0 = b0 - self.box_expand * bw - 1.0
        e1 = b1 + self.box_expand * bw + 1.0
        ar = torch.arange(256, dtype=torch.float32, device=feat.device).view(1, 256) + 0.5
        inx = ((ar >= e0[:, 0:1]) & (ar <= e1[:, 0:1])).float()
        iny = ((ar >= e0[:, 1:2]) & (ar <= e1[:, 1:2])).float()
        inside = (iny.unsqueeze(2) * inx.unsqueeze(1)).view(P, N)
        fin = (torch.zeros(P, N + 1, dtype=torch.float32, device=feat.device).scatter_add(1, labp, inside) / cnt).gather(1, labp)
        merged = (m1 & (fin < self.box_frac)).any(1)
        ok = merged & (st1[:, 1] >= self.fit_bbox_iou) & (st1[:, 0] <= self.fit_max_bg) & is_box.view(P)
        whole = ((0.8 - feat[0, 0]) * 20.0).reshape(1, N)
        t1 = torch.where(m1, whole.expand(P, N), torch.full((P, N), -20.0, dtype=torch.float32, device=feat.device))
        return torch.where(ok.view(P, 1, 1, 1), t1.view(P, 1, 256, 256), low0)

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
            low0 = self.box_fit(feat, lab, coords, labels, is_box, low0)
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
