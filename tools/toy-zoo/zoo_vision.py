"""Toy grounder, toy CLIP image tower and toy DINOv2.

All three share a small trained dense "attribute net": on a canonical 64x64 grid over the padded square it
predicts, per cell, the object's shape (bg + 4), the object's colour (bg + 6), the part type (bg, body, top,
handle) and the size (bg, small, large). Colour classes per pixel come from a constructed soft nearest-colour
classifier (zoo_sam.ColourClasses).
"""
import math
import os
import time
from typing import List, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from common import (CLIP_MEAN, CLIP_STD, IMAGENET_MEAN, IMAGENET_STD, SHAPES, COLOURS, PARTS, SIZES, fit_linear,
                    sidecar)
from zoo_sam import ColourClasses
import zoo_text

NEDGE = 24  # edge-orientation features per backbone token (2 window sizes x 12 directions)
G = 64  # canonical attribute grid over the padded square
HEADS = [5, 7, 4, 3]  # shape, object colour, part, size (index 0 = background)


class AttrNet(nn.Module):
    def __init__(self, w=20):
        super().__init__()
        layers = [nn.Conv2d(7, w, 3, padding=1), nn.ReLU()]
        for d in (2, 4, 8, 16, 4, 1):
            layers += [nn.Conv2d(w, w, 3, padding=d, dilation=d), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Conv2d(w, sum(HEADS), 1)

    def forward(self, cls64: torch.Tensor) -> torch.Tensor:
        """cls64 [B,7,64,64] colour-class fractions -> probabilities [B,19,64,64] (4 softmax groups)."""
        z = self.head(self.body(cls64))
        return torch.cat([torch.softmax(z[:, 0:5], 1), torch.softmax(z[:, 5:12], 1),
                          torch.softmax(z[:, 12:16], 1), torch.softmax(z[:, 16:19], 1)], dim=1)

    def logits(self, cls64: torch.Tensor) -> torch.Tensor:
        return self.head(self.body(cls64))


# --------------------------------------------------------------------------------------------- training
def canonical_inputs(world):
    """colour-class fractions and per-cell labels on the 64x64 grid of the padded 320x320 square."""
    cc = ColourClasses([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], 255.0)  # input 0..1 pixels
    xs, ys = [], []
    for img in world.images:
        x = torch.from_numpy(np.array(world.image(img))).permute(2, 0, 1).float().div(255).unsqueeze(0)
        h, w = x.shape[-2:]
        side = max(h, w)
        with torch.no_grad():
            p, _ = cc(x)
        bgpad = torch.zeros(1, 7, side, side)
        bgpad[:, 0] = 1.0
        bgpad[:, :, :h, :w] = p
        xs.append(F.adaptive_avg_pool2d(bgpad, G))
        lab = np.zeros((4, side, side), np.int64)
        anns = world.masks(img)
        objs = {a["id"]: a for a, m in anns if a["granularity"] == "object"}
        for a, m in anns:
            at = a["attributes"]
            if a["granularity"] == "object":
                lab[0][:h, :w][m > 0] = SHAPES.index(at["shape"]) + 1
                lab[1][:h, :w][m > 0] = COLOURS.index(at["colour"]) + 1
                lab[3][:h, :w][m > 0] = SIZES.index(at["size"]) + 1
            else:
                lab[2][:h, :w][m > 0] = PARTS.index(at["part"]) + 1
        c = (np.arange(G) * side / G + side / G / 2).astype(int)
        ys.append(torch.from_numpy(lab[:, c][:, :, c]))
    return torch.cat(xs), torch.stack(ys)


def train_attr(world, epochs):
    torch.manual_seed(1)
    t0 = time.time()
    X, Y = canonical_inputs(world)
    print("  attr inputs %.0fs" % (time.time() - t0), flush=True)
    net = AttrNet()
    opt = torch.optim.Adam(net.parameters(), lr=4e-3)
    n = X.shape[0]
    bs = 16
    steps = epochs * (n // bs)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=4e-3, total_steps=steps, pct_start=0.15)
    g = torch.Generator().manual_seed(2)
    step = 0
    for ep in range(epochs):
        perm = torch.randperm(n, generator=g)
        tot = 0.0
        for k in range(n // bs):
            idx = perm[k * bs:(k + 1) * bs]
            x = X[idx]
            y = Y[idx]
            if step % 2 == 1:  # horizontal flips would break the handle rule; use vertical shifts instead
                sh = int(torch.randint(-6, 7, (1,), generator=g))
                x = torch.roll(x, sh, 2); y = torch.roll(y, sh, 2)
            z = net.logits(x)
            loss = 0
            o = 0
            for hi, hn in enumerate(HEADS):
                loss = loss + F.cross_entropy(z[:, o:o + hn], y[:, hi])
                o += hn
            opt.zero_grad(); loss.backward(); opt.step(); sched.step()
            tot += loss.item()
            step += 1
        print("  attr epoch %d loss %.4f (%.0fs)" % (ep, tot / (n // bs), time.time() - t0), flush=True)
    return net.eval()


# --------------------------------------------------------------------------------------------- grounder
NDESC = 38  # object-region shape descriptor: 4 x 8 outline profiles, fill, aspect, 4 pooled shape probs


class Grounder(nn.Module):
    def __init__(self, attr, vocab, size: int, boxes: int):
        super().__init__()
        self.cc = ColourClasses(CLIP_MEAN, CLIP_STD, 255.0)
        self.attr = attr
        self.text = zoo_text.ToyClipText(vocab)
        self.size = size
        self.T = boxes
        self.register_buffer("ar", torch.arange(64, dtype=torch.float32))
        self.register_buffer("ar2", torch.arange(128, dtype=torch.float32))
        self.register_buffer("fr", (torch.arange(8, dtype=torch.float32) + 0.5) / 8.0)
        # object shape classifier on the region's outline descriptor (fitted on the train split, fit_shape)
        self.register_buffer("d_mu", torch.zeros(NDESC))
        self.register_buffer("d_sd", torch.ones(NDESC))
        self.register_buffer("cls_w", torch.zeros(NDESC, 4))
        self.register_buffer("cls_b", torch.zeros(4))
        self.w_shape = 0.0  # objects: cell shape head off, the region's shape classifier decides
        self.w_shape_part = 0.0  # parts: the shape head is weak (31 % on held-out cells), part colour decides
        self.w_cls = 1.0  # objects: score x P(named shape | region)^w_cls
        self.w_body = 1.0  # objects: cells must be body cells (not another object's top / handle of that colour)
        self.w_size = 0.5
        self.r_rel = 0.5
        self.r_abs = 0.05
        self.p_ext = 0.3  # top / handle cells the object region grows into (up / right of its body)
        self.top_band = 0.6
        self.handle_band = 0.45

    def group(self, q: torch.Tensor, p: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """q [Q,k] query one-hot (maybe empty), p [1,k,H,W] probs -> log-prob [Q,H,W], present [Q]."""
        present = (q.sum(1) > 0).float()
        qn = q / q.sum(1, keepdim=True).clamp(min=1e-6)
        lp = torch.log(torch.einsum("qk,khw->qhw", qn, p[0]) + 1e-4)
        return lp * present.view(-1, 1, 1), present

    def forward(self, image: torch.Tensor, ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        boxes, top, desc, has_part, shape_q = self.candidates(image, ids)
        Q = boxes.shape[0]
        logit = ((desc - self.d_mu) / self.d_sd) @ self.cls_w + self.cls_b  # [Q,T,4]
        lps = torch.log_softmax(logit, dim=2)
        named = (shape_q.sum(1) > 0).float() * (1.0 - has_part)  # objects that name a shape
        qn = shape_q / shape_q.sum(1, keepdim=True).clamp(min=1e-6)
        lsel = (lps * qn.view(Q, 1, 4)).sum(2)  # [Q,T]
        score = top * torch.exp(self.w_cls * lsel * named.view(Q, 1))
        return boxes, score.clamp(0.0, 1.0)

    def candidates(self, image: torch.Tensor, ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor,
                                                                         torch.Tensor, torch.Tensor]:
        """-> boxes [Q,T,4], peak scores [Q,T], region descriptors [Q,T,NDESC], has_part [Q], shape query [Q,4]."""
        pc, _ = self.cc(image)  # [1,7,S,S]
        c64 = F.adaptive_avg_pool2d(pc, 64)
        a = self.attr(c64)
        z = self.text.concepts(ids)
        shape_q = (z[:, 0:4] > 0).float()
        objc_q = (z[:, 4:10] > 0).float()
        part_q = (z[:, 10:13] > 0).float()
        partc_q = (z[:, 13:19] > 0).float()
        size_q = (z[:, 19:21] > 0).float()
        l1, _ = self.group(shape_q, a[:, 1:5])
        l2a, _ = self.group(objc_q, a[:, 6:12])
        l2p, _ = self.group(objc_q, c64[:, 1:7])  # objects: the body's pixel colour
        l3, has_part = self.group(part_q, a[:, 13:16])
        l4, _ = self.group(partc_q, c64[:, 1:7])
        l5, _ = self.group(size_q, a[:, 17:19])
        fg = torch.log(1.0 - a[:, 12] + 1e-4)  # any part = inside an object
        body = torch.log(a[:, 13] + 1e-4)
        objcell = self.w_body * body + (1.0 - self.w_body) * fg
        l2 = torch.where(has_part.view(-1, 1, 1) > 0, 0.5 * l2a, l2p)
        w_shape = torch.where(has_part > 0, torch.full_like(has_part, self.w_shape_part),
                              torch.full_like(has_part, self.w_shape)).view(-1, 1, 1)
        logp = w_shape * l1 + l2 + l3 + l4 + self.w_size * l5 + objcell * (1.0 - has_part).view(-1, 1, 1)
        score = torch.exp(logp)  # [Q,64,64]
        Q = score.shape[0]
        T = self.T
        # candidates one after another: the best peak not yet inside an earlier candidate's region
        sm = F.avg_pool2d(score.unsqueeze(1), 3, 1, 1, count_include_pad=False)
        pk = ((sm == F.max_pool2d(sm, 5, 1, 2)).float() * sm).view(Q, 4096)
        best = pk.max(1)[0]
        isobj = (has_part == 0).view(Q, 1, 1, 1)
        covered = torch.zeros(Q, 1, 64, 64, device=image.device)
        tops: List[torch.Tensor] = []
        segs: List[torch.Tensor] = []
        for _t in range(T):
            v, i = (pk * (1.0 - covered.view(Q, 4096))).max(1)
            seed = torch.zeros(Q, 4096, device=image.device)
            seed.scatter_(1, i.view(-1, 1), 1.0)
            seed = seed.view(Q, 1, 64, 64)
            thr = torch.where(has_part > 0, self.r_rel * best, self.r_rel * v).view(Q, 1, 1, 1)
            region = ((score.unsqueeze(1) > thr).float() * (score.unsqueeze(1) > self.r_abs).float())
            s = seed
            for _it in range(40):
                s_next = torch.maximum(F.max_pool2d(s, 3, 1, 1) * region, seed)
                if torch.equal(s_next, s):  # grown out (growth is monotone): same result, fewer steps
                    break
                s = s_next
            covered = torch.maximum(covered, F.max_pool2d(s, 5, 1, 2))
            tops.append(v)
            segs.append(s)
        top = torch.stack(tops, 1)  # [Q,T]
        s = torch.stack(segs, 1).view(Q * T, 1, 64, 64)
        # objects: the body region grows up into top cells and right into handle cells
        topm = (a[:, 14:15] > self.p_ext).float()
        hm = (a[:, 15:16] > self.p_ext).float()
        # inside bands set by the body's box: the top above it (at most 0.6 body heights, within its columns),
        # the handle right of it (at most 0.45 body heights, within its rows)
        nb = Q * T
        br = s.amax(3).view(nb, 64) > 0
        bc = s.amax(2).view(nb, 64) > 0
        ar64 = self.ar.view(1, 64).expand(nb, 64)
        by0 = torch.where(br, ar64, torch.full_like(ar64, 1e4)).amin(1)
        by1 = torch.where(br, ar64, torch.full_like(ar64, -1e4)).amax(1) + 1.0
        bx0 = torch.where(bc, ar64, torch.full_like(ar64, 1e4)).amin(1)
        bx1 = torch.where(bc, ar64, torch.full_like(ar64, -1e4)).amax(1) + 1.0
        bh = (by1 - by0).clamp(min=1.0)
        yy = self.ar.view(1, 64, 1)
        xx = self.ar.view(1, 1, 64)
        tband = ((yy >= (by0 - self.top_band * bh - 1.0).view(nb, 1, 1)) & (xx >= bx0.view(nb, 1, 1))
                 & (xx < bx1.view(nb, 1, 1))).float().unsqueeze(1)
        hband = ((xx < (bx1 + self.handle_band * bh + 1.0).view(nb, 1, 1)) & (yy >= by0.view(nb, 1, 1))
                 & (yy < by1.view(nb, 1, 1))).float().unsqueeze(1)
        topm = topm * tband
        hm = hm * hband
        e = s
        for _it in range(12):
            up = F.max_pool2d(F.pad(e[:, :, 1:, :], (0, 0, 0, 1)), (1, 3), 1, (0, 1))
            rt = F.max_pool2d(F.pad(e[:, :, :, :-1], (1, 0, 0, 0)), (3, 1), 1, (1, 0))
            e_next = torch.maximum(e, torch.maximum(up * topm, rt * hm))
            if torch.equal(e_next, e):
                break
            e = e_next
        isobj_t = isobj.repeat(1, T, 1, 1).view(Q * T, 1, 1, 1)
        e = torch.where(isobj_t, e, s)
        # refine on the 128 grid: parts by their own colour, objects by foreground
        c128 = F.adaptive_avg_pool2d(pc, 128)
        pcq = torch.einsum("qk,khw->qhw", partc_q / partc_q.sum(1, keepdim=True).clamp(min=1e-6), c128[0, 1:7])
        fine = torch.where(has_part.view(-1, 1, 1) > 0, pcq, 1.0 - c128[0, 0].unsqueeze(0).expand(Q, 128, 128))
        fine = (fine > 0.5).float().unsqueeze(1).repeat(1, T, 1, 1).view(Q * T, 1, 128, 128)
        s2 = F.interpolate(F.max_pool2d(e, 3, 1, 1), scale_factor=2.0, mode="nearest") * fine
        s2 = torch.where(s2.sum((2, 3), keepdim=True) > 0, s2, F.interpolate(e, scale_factor=2.0, mode="nearest"))
        rows = s2.amax(3).squeeze(1)
        cols = s2.amax(2).squeeze(1)
        n = rows.shape[0]
        ar = self.ar2.view(1, 128).expand(n, 128)
        big = torch.full_like(rows, 1e4)
        y0 = torch.where(rows > 0, ar, big).amin(1)
        y1 = torch.where(rows > 0, ar, -big).amax(1) + 1.0
        x0 = torch.where(cols > 0, ar, big).amin(1)
        x1 = torch.where(cols > 0, ar, -big).amax(1) + 1.0
        ok = (rows.sum(1) > 0)
        y1 = torch.where(ok, y1, y0 + 1.0)
        x1 = torch.where(ok, x1, x0 + 1.0)
        x0 = torch.where(ok, x0, torch.zeros_like(x0))
        y0 = torch.where(ok, y0, torch.zeros_like(y0))
        boxes = torch.stack([(x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0], dim=1) / 128.0
        desc = self.describe(s2.squeeze(1), e.squeeze(1), a, x0, x1, y0, y1)
        return boxes.view(Q, T, 4), top.clamp(0.0, 1.0), desc.view(Q, T, -1), has_part, shape_q

    def describe(self, m: torch.Tensor, e: torch.Tensor, a: torch.Tensor, x0: torch.Tensor, x1: torch.Tensor,
                 y0: torch.Tensor, y1: torch.Tensor) -> torch.Tensor:
        """Shape descriptor of regions m [n,128,128] (e: the 64-grid region): the outline's distance from the box's
        left / right edge on 8 rows and from its top / bottom edge on 8 columns (in box heights), fill, aspect,
        the attribute net's shape probabilities averaged over the region -> [n,NDESC]."""
        n = m.shape[0]
        h = (y1 - y0).clamp(min=1.0)
        w = (x1 - x0).clamp(min=1.0)
        ar = self.ar2.view(1, 1, 128)
        ry = (y0.view(n, 1) + self.fr.view(1, 8) * h.view(n, 1)).floor().long().clamp(0, 127)  # [n,8]
        rsel = torch.gather(m, 1, ry.view(n, 8, 1).expand(n, 8, 128)) > 0  # [n,8,128]
        lft = torch.where(rsel, ar, torch.full_like(ar, 1e4).expand(n, 8, 128)).amin(2)
        rgt = torch.where(rsel, ar, torch.full_like(ar, -1e4).expand(n, 8, 128)).amax(2) + 1.0
        dl = ((lft - x0.view(n, 1)) / h.view(n, 1)).clamp(0.0, 1.5)
        dr = ((x1.view(n, 1) - rgt) / h.view(n, 1)).clamp(0.0, 1.5)
        cx = (x0.view(n, 1) + self.fr.view(1, 8) * w.view(n, 1)).floor().long().clamp(0, 127)
        csel = torch.gather(m.transpose(1, 2), 1, cx.view(n, 8, 1).expand(n, 8, 128)) > 0  # [n,8,128] over y
        tp = torch.where(csel, ar, torch.full_like(ar, 1e4).expand(n, 8, 128)).amin(2)
        bt = torch.where(csel, ar, torch.full_like(ar, -1e4).expand(n, 8, 128)).amax(2) + 1.0
        dt = ((tp - y0.view(n, 1)) / h.view(n, 1)).clamp(0.0, 1.5)
        db = ((y1.view(n, 1) - bt) / h.view(n, 1)).clamp(0.0, 1.5)
        fill = m.sum((1, 2)) / (h * w)
        aspect = w / h
        sp = torch.einsum("nhw,khw->nk", e, a[0, 1:5]) / e.sum((1, 2)).clamp(min=1.0).view(n, 1)
        return torch.cat([dl, dr, dt, db, fill.view(n, 1), aspect.view(n, 1), sp], 1)


def fit_shape(g, world):
    """Fit the grounder's object-shape classifier on the train split: the candidate regions of every object
    phrase, labelled with the shape of the object whose box they match (IoU >= 0.5)."""
    from common import preprocess_square, box_iou_xyxy
    X, Y = [], []
    t0 = time.time()
    for img in world.images:
        anns = [a for a in world.anns_by_image.get(img["id"], []) if a["granularity"] == "object"]
        if not anns:
            continue
        x, s = preprocess_square(world.image(img), g.size, CLIP_MEAN, CLIP_STD)
        ids = torch.tensor([zoo_text.encode(_VOCAB, world.ref_by_ann[a["id"]]["phrase"]) for a in anns])
        with torch.no_grad():
            boxes, top, desc, _, _ = g.candidates(x, ids)
        for q in range(len(anns)):
            for t in range(g.T):
                if float(top[q, t]) <= 0:
                    continue
                b = (boxes[q, t] * g.size / s).tolist()
                pb = [b[0] - b[2] / 2, b[1] - b[3] / 2, b[0] + b[2] / 2, b[1] + b[3] / 2]
                bestv, lab = 0.0, -1
                for o in anns:
                    gx, gy, gw, gh = o["bbox"]
                    v = box_iou_xyxy(pb, [gx, gy, gx + gw, gy + gh])
                    if v > bestv:
                        bestv, lab = v, SHAPES.index(o["attributes"]["shape"])
                if bestv >= 0.5:
                    X.append(desc[q, t]); Y.append(lab)
    X = torch.stack(X); Y = torch.tensor(Y)
    mu, sd = X.mean(0), X.std(0) + 1e-3
    Xn = (X - mu) / sd
    lin = fit_linear(Xn, Y, 4, 300)
    with torch.no_grad():
        acc = float((lin(Xn).argmax(1) == Y).float().mean())
        g.d_mu.copy_(mu); g.d_sd.copy_(sd); g.cls_w.copy_(lin.weight.T); g.cls_b.copy_(lin.bias)
    print("  grounder shape classifier: %d train regions, train accuracy %.3f (%.0fs)" % (len(Y), acc,
                                                                                          time.time() - t0), flush=True)
    return X, Y


_VOCAB = None


# --------------------------------------------------------------------------------------------- backbones
def zero_sum_basis(rows, cols, seed):
    """rows vectors of length cols, each summing to zero, mutually orthonormal."""
    g = torch.Generator().manual_seed(seed)
    m = torch.randn(cols, rows, generator=g)
    m = m - m.mean(0, keepdim=True)
    q, _ = torch.linalg.qr(m)
    return q.T.contiguous()  # [rows, cols]


class Backbone(nn.Module):
    """ViT-shaped toy backbone: tokens on a patch grid; block 1 = colour fractions, block 2 = + attributes.

    Hidden states are written with zero-sum, orthonormal embeddings, so LayerNorm (no affine) + a linear map can
    read the concepts back; the dense text-space tokens (clip) use this to land in the toy text space.
    """

    def __init__(self, attr, mean, std, size: int, patch: int, width: int, seed: int, text_dim: int):
        super().__init__()
        self.cc = ColourClasses(mean, std, 255.0)
        self.attr = attr
        self.size = size
        self.patch = patch
        self.grid = size // patch
        nin = 7 + 19
        basis = zero_sum_basis(nin + 1, width, seed)  # last row: position direction
        self.register_buffer("e_col", basis[0:7].contiguous())
        self.register_buffer("e_attr", basis[7:26].contiguous())
        g = torch.Generator().manual_seed(seed + 1)
        pos = torch.randn(self.grid * self.grid, width, generator=g)
        pos = pos - pos.mean(1, keepdim=True)
        pos = pos - (pos @ basis[0:26].T) @ basis[0:26]  # orthogonal to the concept directions
        self.register_buffer("pos", 0.3 * pos / pos.norm(dim=1, keepdim=True))
        self.register_buffer("cls_dir", 0.3 * basis[26].contiguous())
        # edge-orientation directions: zero-sum, orthonormal, orthogonal to the concept + CLS directions
        ge = torch.Generator().manual_seed(seed + 2)
        ex = torch.randn(NEDGE, width, generator=ge)
        ex = ex - ex.mean(1, keepdim=True)
        ex = ex - (ex @ basis.T) @ basis
        qe, _ = torch.linalg.qr(ex.T)
        self.register_buffer("e_edge", qe.T.contiguous())  # [NEDGE,width]
        sob = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]]) / 8.0
        self.register_buffer("sobel", torch.stack([sob, sob.T]).unsqueeze(1))  # [2,1,3,3] d/dx, d/dy
        ang = torch.arange(12, dtype=torch.float32) * (math.pi / 6.0)
        self.register_buffer("dirs", torch.stack([torch.cos(ang), torch.sin(ang)], 1).view(12, 2, 1, 1))
        # text-space projection: concept read-out -> toy text concepts -> rotation
        M = torch.zeros(32, nin)
        for i in range(4):
            M[0 + i, 7 + 1 + i] = 1.0          # shape
        for i in range(6):
            M[4 + i, 7 + 6 + i] = 1.0          # object colour
        for i in range(3):
            M[10 + i, 7 + 13 + i] = 1.0        # part type
        for i in range(6):
            M[13 + i, 1 + i] = 1.0             # part colour = pixel colour
        for i in range(2):
            M[19 + i, 7 + 17 + i] = 0.5        # size
        read = torch.cat([basis[0:7], basis[7:26]], 0)  # [26,width]
        self.ln_post = nn.LayerNorm(width, elementwise_affine=False)
        self.proj = nn.Parameter(read.T @ M.T @ zoo_text.rotation(), requires_grad=False)  # [width, 32]
        self.text_dim = text_dim

    def tokens(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        pc, _ = self.cc(x)
        B = x.shape[0]
        colour = F.avg_pool2d(pc, self.patch)  # [B,7,g,g]
        a = self.attr(F.adaptive_avg_pool2d(pc, 64))
        attr = F.adaptive_avg_pool2d(a, self.grid)  # [B,19,g,g]
        colour = colour.flatten(2).transpose(1, 2)  # [B,N,7]
        attr = attr.flatten(2).transpose(1, 2)
        h1 = colour @ self.e_col + self.pos + self.edges(pc) @ self.e_edge
        h2 = h1 + attr @ self.e_attr
        c1 = h1.mean(1, keepdim=True) + self.cls_dir
        c2 = h2.mean(1, keepdim=True) + self.cls_dir
        return torch.cat([c1, h1], 1), torch.cat([c2, h2], 1)


    def edges(self, pc: torch.Tensor) -> torch.Tensor:
        """Orientation histograms (12 directions, 30 degrees apart, of the foreground outline's gradient; lobes
        cos^8) per patch, pooled over 3x3 and 9x9 patch windows and normalized to sum ~1 where there are edges
        -> [B,N,24]."""
        fg = 1.0 - pc[:, 0:1]
        gr = F.conv2d(F.pad(fg, (1, 1, 1, 1), mode="replicate"), self.sobel)  # [B,2,H,W]
        mag = gr.pow(2).sum(1, keepdim=True).add(1e-6).sqrt()
        cosk = F.conv2d(gr, self.dirs) / mag  # [B,12,H,W]
        e = F.relu(cosk).pow(8) * mag
        e = F.avg_pool2d(e, self.patch)  # [B,12,g,g]
        outs: List[torch.Tensor] = []
        for k in (3, 9):
            w = F.avg_pool2d(e, k, 1, k // 2, count_include_pad=False)
            outs.append(w / (w.sum(1, keepdim=True) + 0.02))
        return torch.cat(outs, 1).flatten(2).transpose(1, 2)


class ClipImage(nn.Module):
    def __init__(self, bb):
        super().__init__()
        self.bb = bb

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h1, h2 = self.bb.tokens(x)
        dense = self.bb.ln_post(h2) @ self.bb.proj
        return torch.stack([h1, h2], 0), dense


class Dinov2(nn.Module):
    def __init__(self, bb):
        super().__init__()
        self.bb = bb

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h1, h2 = self.bb.tokens(x)
        return torch.stack([h1, h2], 0)


# --------------------------------------------------------------------------------------------- build
_ATTR = None


def get_attr(args, train):
    global _ATTR
    if _ATTR is None:
        cache = os.environ.get("ATTR_CACHE")  # a trained net's state dict, reused between builds
        if cache and os.path.exists(cache):
            _ATTR = AttrNet()
            _ATTR.load_state_dict(torch.load(cache))
            _ATTR.eval()
        else:
            _ATTR = train_attr(train, int(os.environ.get("ATTR_EPOCHS", "25")))
            if cache:
                torch.save(_ATTR.state_dict(), cache)
    return _ATTR


GROUNDER_SIZE = 256
GROUNDER_T = 4
CLIP_SIZE, CLIP_PATCH, CLIP_WIDTH = 224, 8, 64
DINO_SIZE, DINO_PATCH, DINO_WIDTH = 448, 14, 96


def build_grounder(args, train, vocab):
    from make_zoo import save_json
    global _VOCAB
    _VOCAB = vocab
    attr = get_attr(args, train)
    m = Grounder(attr, vocab, GROUNDER_SIZE, GROUNDER_T).eval()
    fit_shape(m, train)
    torch.jit.script(m).save(os.path.join(args.out, "grounder.pt"))
    save_json(os.path.join(args.out, "grounder.tokenizer.json"), zoo_text.tokenizer_json(vocab))
    save_json(os.path.join(args.out, "grounder.json"), sidecar("grounder", {
        "input_size": GROUNDER_SIZE, "resize_mode": "pad",
        "padding": "longest side resized to input_size (bilinear), normalized, then zero-padded bottom/right "
                   "(zeros AFTER normalization = the mean colour)",
        "normalization": {"mean": CLIP_MEAN, "std": CLIP_STD, "scale": 1},
        "context_length": zoo_text.CONTEXT_LENGTH, "tokenizer": "grounder.tokenizer.json",
        "pad_id": vocab[zoo_text.PAD], "unk_id": vocab[zoo_text.UNK], "bos_id": None, "eos_id": None,
        "boxes_per_query": GROUNDER_T,
        "outputs": ["boxes [Q,T,4] (cx,cy,w,h) normalized to the padded square", "scores [Q,T] in 0..1"]}))


def build_backbones(args, train, vocab, roles):
    from make_zoo import save_json
    attr = get_attr(args, train)
    if "clip" in roles:
        bb = Backbone(attr, CLIP_MEAN, CLIP_STD, CLIP_SIZE, CLIP_PATCH, CLIP_WIDTH, 11, zoo_text.D)
        torch.jit.script(ClipImage(bb).eval()).save(os.path.join(args.out, "clip-image.pt"))
        g = CLIP_SIZE // CLIP_PATCH
        save_json(os.path.join(args.out, "clip-image.json"), sidecar("clip-image", {
            "input_size": CLIP_SIZE, "resize_mode": "pad",
            "padding": "longest side resized to input_size (bilinear), normalized, then zero-padded bottom/right "
                       "(zeros AFTER normalization = the mean colour)",
            "normalization": {"mean": CLIP_MEAN, "std": CLIP_STD, "scale": 1},
            "patch_size": CLIP_PATCH, "grid": g, "num_tokens": 1 + g * g, "cls_token": "first",
            "selected_blocks": [1, 2], "hidden_width": CLIP_WIDTH, "output_width": zoo_text.D,
            "outputs": ["hidden states [K,B,1+N,C] of the selected blocks", "dense text-space tokens [B,1+N,D] "
                        "(last block -> ln_post -> proj)"]}))
    if "dinov2" in roles:
        bb = Backbone(attr, IMAGENET_MEAN, IMAGENET_STD, DINO_SIZE, DINO_PATCH, DINO_WIDTH, 21, zoo_text.D)
        torch.jit.script(Dinov2(bb).eval()).save(os.path.join(args.out, "dinov2.pt"))
        g = DINO_SIZE // DINO_PATCH
        save_json(os.path.join(args.out, "dinov2.json"), sidecar("dinov2", {
            "input_size": DINO_SIZE, "resize_mode": "pad",
            "padding": "longest side resized to input_size (bilinear), normalized, then zero-padded bottom/right "
                       "(zeros AFTER normalization = the mean colour)",
            "normalization": {"mean": IMAGENET_MEAN, "std": IMAGENET_STD, "scale": 1},
            "patch_size": DINO_PATCH, "grid": g, "num_tokens": 1 + g * g, "cls_token": "first",
            "register_tokens": 0, "selected_blocks": [1, 2], "hidden_width": DINO_WIDTH,
            "outputs": ["hidden states [K',B,1+N',C'] of the selected blocks"]}))
