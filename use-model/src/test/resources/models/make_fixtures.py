"""Tiny TorchScript fixtures for the model-loading tests (NOT the toy zoo: see models/toy).

Run with Debian's torch: /usr/bin/python3 make_fixtures.py  (writes next to this file).
Each model honours (or, for the negative cases, deliberately breaks) a contract of DESIGN.md section 4.
"""
import json
import os

import torch

torch.manual_seed(0)
HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ["a", "the", "red", "blue", "circle", "square", "top", "of", "with"]


class TinyText(torch.nn.Module):
    def __init__(self, vocab: int, width: int):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab, width, padding_idx=0)
        self.proj = torch.nn.Linear(width, width)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        mask = (ids != 0).float().unsqueeze(-1)
        pooled = (self.emb(ids) * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.proj(pooled)


class TinyDecoder(torch.nn.Module):
    def forward(self, emb: torch.Tensor, coords: torch.Tensor, labels: torch.Tensor):
        p = coords.shape[0]
        base = emb.mean(1, keepdim=True)[:, :, :1, :1]
        logits = torch.zeros(p, 4, 256, 256) + base.sum() + coords.sum(2).sum(1).view(p, 1, 1, 1) * 0.0
        iou = torch.ones(p, 4) * 0.5 + labels.sum(1, keepdim=True) * 0.0
        return logits, iou


def tokenizer(path):
    vocab = {"[PAD]": 0, "[UNK]": 1}
    for w in WORDS:
        vocab[w] = len(vocab)
    added = [
        {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for t, i in [("[PAD]", 0), ("[UNK]", 1)]
    ]
    spec = {
        "version": "1.0", "truncation": None, "padding": None, "added_tokens": added,
        "normalizer": {"type": "Lowercase"}, "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None, "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"},
    }
    with open(path, "w") as f:
        json.dump(spec, f, indent=1)
    return len(vocab)


def sidecar(name, **fields):
    fields = {"format_version": 1, "source_checkpoint": "test fixture", **fields}
    with open(os.path.join(HERE, name + ".json"), "w") as f:
        json.dump(fields, f, indent=1)


vocab = tokenizer(os.path.join(HERE, "tiny-text.tokenizer.json"))
text = torch.jit.script(TinyText(vocab, 8))
text.save(os.path.join(HERE, "tiny-text.pt"))
sidecar("tiny-text", role="clip-text", context_length=6, tokenizer="tiny-text.tokenizer.json",
        pad_id=0, output_width=8)

# Same file, but the sidecar promises another width: the probe must catch it.
text.save(os.path.join(HERE, "text-wrong-width.pt"))
sidecar("text-wrong-width", role="clip-text", context_length=6, tokenizer="tiny-text.tokenizer.json",
        pad_id=0, output_width=16)

# A decoder file whose sidecar says clip-text (wrong role when loaded as clip-text? no: the sidecar
# names sam-decoder, so loading it as clip-text must fail on the role).
decoder = torch.jit.script(TinyDecoder())
decoder.save(os.path.join(HERE, "tiny-decoder.pt"))
sidecar("tiny-decoder", role="sam-decoder", num_masks=4, mask_size=256)

# Not TorchScript at all.
with open(os.path.join(HERE, "corrupt.pt"), "wb") as f:
    f.write(b"PK\x03\x04 this is not a TorchScript archive" * 10)
sidecar("corrupt", role="clip-text", context_length=6, tokenizer="tiny-text.tokenizer.json",
        pad_id=0, output_width=8)
print("fixtures written to", HERE)
