"""Toy CLIP text encoder + word-level HF tokenizer.

The embedding is constructed, not trained: it is a structured "concept" vector (object shape, object colour,
part type, part colour, size) rotated by a fixed random orthogonal matrix, so the toy image models can write the
same concepts into their dense text-space tokens.
"""
import json
import re
from typing import List

import torch
import torch.nn as nn

from common import SHAPES, COLOURS, PARTS, SIZES

PAD, UNK = "[PAD]", "[UNK]"
CONTEXT_LENGTH = 16
D = 32

# concept layout before rotation
C_SHAPE = 0      # 4
C_OBJCOL = 4     # 6
C_PART = 10      # 3
C_PARTCOL = 13   # 6
C_SIZE = 19      # 2
C_OBJNESS = 21
C_BIAS = 22


def build_vocab(worlds):
    words = set()
    for w in worlds:
        for c in w.captions:
            words.update(tok(c["caption"]))
        for r in w.ref_by_ann.values():
            words.update(tok(r["phrase"]))
        for anns in w.anns_by_image.values():
            for a in anns:
                words.update(tok(a["text"]))
    concept = COLOURS + SHAPES + PARTS + SIZES
    rest = sorted(words - set(concept))
    vocab = [PAD, UNK] + concept + rest
    return {t: i for i, t in enumerate(vocab)}


_WS = re.compile(r"\w+|[^\w\s]+")


def tok(text):
    return _WS.findall(text.lower())


def encode(vocab, text, length=CONTEXT_LENGTH):
    ids = [vocab.get(t, vocab[UNK]) for t in tok(text)][:length]
    return ids + [vocab[PAD]] * (length - len(ids))


def tokenizer_json(vocab):
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True} for t in (PAD, UNK)],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": UNK},
    }


def tables(vocab):
    V = len(vocab)
    col = torch.full((V,), -1, dtype=torch.long)
    shp = torch.full((V,), -1, dtype=torch.long)
    prt = torch.full((V,), -1, dtype=torch.long)
    siz = torch.full((V,), -1, dtype=torch.long)
    for i, c in enumerate(COLOURS):
        col[vocab[c]] = i
    for i, s in enumerate(SHAPES):
        shp[vocab[s]] = i
    for i, p in enumerate(PARTS):
        prt[vocab[p]] = i
    for i, s in enumerate(SIZES):
        siz[vocab[s]] = i
    return col, shp, prt, siz


def rotation(seed=1234):
    g = torch.Generator().manual_seed(seed)
    q, _ = torch.linalg.qr(torch.randn(D, D, generator=g))
    return q.contiguous()


class ToyClipText(nn.Module):
    """ids [B,L] int64 -> [B,D] concept embedding (not normalized)."""

    def __init__(self, vocab):
        super().__init__()
        col, shp, prt, siz = tables(vocab)
        self.register_buffer("col_tab", col)
        self.register_buffer("shp_tab", shp)
        self.register_buffer("prt_tab", prt)
        self.register_buffer("siz_tab", siz)
        self.register_buffer("rot", rotation())
        self.register_buffer("eye6", torch.eye(6))
        self.register_buffer("eye4", torch.eye(4))
        self.register_buffer("eye3", torch.eye(3))
        self.register_buffer("eye2", torch.eye(2))
        self.vocab_size = len(vocab)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.concepts(ids) @ self.rot

    def concepts(self, ids: torch.Tensor) -> torch.Tensor:
        """[B,L] -> [B,32] concept vector before the rotation (layout: see C_* constants)."""
        ids = ids.clamp(0, self.vocab_size - 1)
        col = self.col_tab[ids]
        shp = self.shp_tab[ids]
        prt = self.prt_tab[ids]
        siz = self.siz_tab[ids]
        B = ids.shape[0]
        is_part = (prt >= 0)
        nxt = torch.cat([is_part[:, 1:], torch.zeros_like(is_part[:, :1])], dim=1)
        is_col = col >= 0
        partcol_m = (is_col & nxt).float().unsqueeze(-1)
        objcol_m = (is_col & ~nxt).float().unsqueeze(-1)
        colh = self.eye6[col.clamp(min=0)]
        objcol = (colh * objcol_m).sum(1).clamp(max=1.0)
        partcol = (colh * partcol_m).sum(1).clamp(max=1.0)
        shape = (self.eye4[shp.clamp(min=0)] * (shp >= 0).float().unsqueeze(-1)).sum(1).clamp(max=1.0)
        part = (self.eye3[prt.clamp(min=0)] * is_part.float().unsqueeze(-1)).sum(1).clamp(max=1.0)
        size = (self.eye2[siz.clamp(min=0)] * (siz >= 0).float().unsqueeze(-1)).sum(1).clamp(max=1.0)
        has_part = (part.sum(1, keepdim=True) > 0).float()
        w_obj = 1.0 - 0.4 * has_part
        z = torch.cat([shape * w_obj, objcol * w_obj, part, partcol, 0.5 * size * (1.0 - has_part),
                       0.5 * (1.0 - has_part), torch.full_like(has_part, 0.2),
                       torch.zeros(B, 9, dtype=torch.float32, device=ids.device)], dim=1)
        return z
