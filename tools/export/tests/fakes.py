"""Stand-ins for the real backbones: tiny modules with the attribute paths, call signatures and output
objects of Hugging Face's CLIPModel / Dinov2(WithRegisters)Model / Owlv2ForObjectDetection and of
segment_anything's Sam, so the wrappers and export functions run here without those libraries or weights.
"""
import json
import math
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

PAD, UNK, BOS, EOS = 0, 1, 2, 3
WORDS = ["a", "red", "circle", "blue", "top", "of", "the", "square", "handle", "dog", "cat"]


class Output:
    """Like transformers' ModelOutput: named tensor fields."""

    def __init__(self, **fields):
        self.__dict__.update(fields)


class TokenLayer(nn.Module):
    """x + f(LN(x)) + a token-mixing term: causal (cumulative mean) for text, global mean for images."""

    def __init__(self, width, causal):
        super().__init__()
        self.layer_norm1 = nn.LayerNorm(width)
        self.mlp = nn.Linear(width, width)
        self.mix = nn.Linear(width, width)
        self.causal = causal

    def forward(self, x):
        h = self.layer_norm1(x)
        if self.causal:
            count = torch.arange(1, x.shape[1] + 1, dtype=x.dtype).view(1, -1, 1)
            context = h.cumsum(dim=1) / count
        else:
            context = h.mean(dim=1, keepdim=True)
        return x + torch.tanh(self.mlp(h)) + 0.5 * self.mix(context)


class Encoder(nn.Module):
    def __init__(self, width, depth, causal, attr="layers"):
        super().__init__()
        setattr(self, attr, nn.ModuleList([TokenLayer(width, causal) for _ in range(depth)]))
        self.attr = attr

    def forward(self, x, output_hidden_states):
        states = [x]
        for layer in getattr(self, self.attr):
            x = layer(x)
            states.append(x)
        return x, tuple(states) if output_hidden_states else None


class PatchEmbeddings(nn.Module):
    """CLS + patches (conv) + a position embedding computed for any grid (so other input sizes work)."""

    def __init__(self, patch, width, registers=0):
        super().__init__()
        self.patch_embedding = nn.Conv2d(3, width, patch, stride=patch)
        self.class_embedding = nn.Parameter(torch.randn(width))
        self.register_tokens = nn.Parameter(1000.0 + torch.arange(registers * width, dtype=torch.float32)
                                            .view(1, registers, width)) if registers else None
        self.width = width

    def forward(self, pixels):
        x = self.patch_embedding(pixels).flatten(2).transpose(1, 2)  # [B,N,C]
        n = x.shape[1]
        pos = torch.sin(torch.arange(n, dtype=x.dtype).view(-1, 1) * 0.1
                        + torch.arange(self.width, dtype=x.dtype).view(1, -1))
        x = x + pos
        cls = self.class_embedding.view(1, 1, -1).expand(x.shape[0], 1, -1)
        parts = [cls]
        if self.register_tokens is not None:
            parts.append(self.register_tokens.expand(x.shape[0], -1, -1))
        parts.append(x)
        return torch.cat(parts, dim=1)


# ------------------------------------------------------------------ CLIP (transformers.CLIPModel)
class FakeClipVisionTransformer(nn.Module):
    """.embeddings, .pre_layrnorm, .encoder.layers[i], .post_layernorm; forward like CLIPVisionTransformer."""

    def __init__(self, patch, width, depth):
        super().__init__()
        self.embeddings = PatchEmbeddings(patch, width)
        self.pre_layrnorm = nn.LayerNorm(width)
        self.encoder = Encoder(width, depth, causal=False)
        self.post_layernorm = nn.LayerNorm(width)

    def forward(self, pixel_values, output_hidden_states=False, interpolate_pos_encoding=False):
        x = self.pre_layrnorm(self.embeddings(pixel_values))
        last, states = self.encoder(x, output_hidden_states)
        return Output(last_hidden_state=last, pooler_output=self.post_layernorm(last[:, 0]), hidden_states=states)


class FakeClipTextTransformer(nn.Module):
    """.embeddings.token_embedding, .encoder.layers[i] (causal), .final_layer_norm; forward like
    CLIPTextTransformer (last_hidden_state after final_layer_norm)."""

    def __init__(self, vocab, width, depth, length):
        super().__init__()
        self.embeddings = nn.Module()
        self.embeddings.token_embedding = nn.Embedding(vocab, width)
        self.embeddings.position_embedding = nn.Embedding(length, width)
        self.encoder = Encoder(width, depth, causal=True)
        self.final_layer_norm = nn.LayerNorm(width)

    def forward(self, input_ids, attention_mask=None):
        pos = torch.arange(input_ids.shape[1]).unsqueeze(0)
        x = self.embeddings.token_embedding(input_ids) + self.embeddings.position_embedding(pos)
        last, _ = self.encoder(x, False)
        last = self.final_layer_norm(last)
        return Output(last_hidden_state=last)


class FakeClipModel(nn.Module):
    """.vision_model, .visual_projection, .text_model, .text_projection, .config.{vision,text}_config."""

    def __init__(self, image_size=28, patch=7, width=16, depth=3, out=12, text_width=10, length=8):
        super().__init__()
        self.config = SimpleNamespace(
            vision_config=SimpleNamespace(image_size=image_size, patch_size=patch, num_hidden_layers=depth),
            text_config=SimpleNamespace(max_position_embeddings=length))
        self.vision_model = FakeClipVisionTransformer(patch, width, depth)
        self.visual_projection = nn.Linear(width, out, bias=False)
        self.text_model = FakeClipTextTransformer(len(WORDS) + 4, text_width, 2, length)
        self.text_projection = nn.Linear(text_width, out, bias=False)


# ------------------------------------------------------------------ DINOv2 (transformers.Dinov2*Model)
class FakeDinov2(nn.Module):
    """.embeddings (CLS, register_tokens, patches), .encoder.layer[i], .layernorm, .config; tokens ordered
    [CLS, registers, patches]; register tokens hold values >= 1000 so a leak is visible."""

    def __init__(self, registers, image_size=28, patch=7, width=12, depth=4):
        super().__init__()
        cfg = dict(image_size=image_size, patch_size=patch, num_hidden_layers=depth, hidden_size=width)
        if registers:
            cfg["num_register_tokens"] = registers  # Dinov2Config (no registers) has no such field
        self.config = SimpleNamespace(**cfg)
        self.embeddings = PatchEmbeddings(patch, width, registers)
        self.encoder = Encoder(width, depth, causal=False, attr="layer")
        for layer in self.encoder.layer:
            nn.init.zeros_(layer.mix.weight)  # per-token layers keep the register sentinel >= 1000
            nn.init.zeros_(layer.mix.bias)
        self.layernorm = nn.LayerNorm(width)

    def forward(self, pixel_values, output_hidden_states=False):
        last, states = self.encoder(self.embeddings(pixel_values), output_hidden_states)
        return Output(last_hidden_state=self.layernorm(last), hidden_states=states)


# ------------------------------------------------------------------ SAM (segment_anything.modeling.Sam)
class FakePositionEmbeddingRandom(nn.Module):
    """segment_anything's PositionEmbeddingRandom: random Fourier features of coords in 0..1."""

    def __init__(self, num_pos_feats):
        super().__init__()
        self.register_buffer("positional_encoding_gaussian_matrix", torch.randn(2, num_pos_feats))

    def _pe_encoding(self, coords):
        coords = 2 * coords - 1
        coords = coords @ self.positional_encoding_gaussian_matrix
        coords = 2 * math.pi * coords
        return torch.cat([torch.sin(coords), torch.cos(coords)], dim=-1)

    def forward(self, size):
        h, w = size
        grid = torch.ones((h, w))
        y = (grid.cumsum(dim=0) - 0.5) / h
        x = (grid.cumsum(dim=1) - 0.5) / w
        return self._pe_encoding(torch.stack([x, y], dim=-1)).permute(2, 0, 1)


class FakePromptEncoder(nn.Module):
    def __init__(self, dim=256, grid=64):
        super().__init__()
        self.image_embedding_size = (grid, grid)
        self.pe_layer = FakePositionEmbeddingRandom(dim // 2)
        self.num_point_embeddings = 4
        self.point_embeddings = nn.ModuleList([nn.Embedding(1, dim) for _ in range(4)])
        self.not_a_point_embed = nn.Embedding(1, dim)
        self.no_mask_embed = nn.Embedding(1, dim)

    def get_dense_pe(self):
        return self.pe_layer(self.image_embedding_size).unsqueeze(0)


class FakeMaskDecoder(nn.Module):
    """predict_masks with SAM's signature and shapes: repeat the image embedding per prompt, add the dense
    prompt, 4 mask tokens mixed with the sparse prompt tokens, ×4 upscaled masks [P,4,256,256], IoU [P,4]."""

    def __init__(self, dim=256, small=8):
        super().__init__()
        self.num_mask_tokens = 4
        self.mask_tokens = nn.Embedding(4, dim)
        self.reduce = nn.Conv2d(dim, small, 1)
        self.hyper = nn.Linear(dim, small)
        self.iou_head = nn.Linear(dim, 1)

    def predict_masks(self, image_embeddings, image_pe, sparse_prompt_embeddings, dense_prompt_embeddings):
        p = sparse_prompt_embeddings.shape[0]
        src = torch.repeat_interleave(image_embeddings, p, dim=0) + dense_prompt_embeddings
        src = src + torch.repeat_interleave(image_pe, p, dim=0)
        tokens = self.mask_tokens.weight.unsqueeze(0) + torch.tanh(sparse_prompt_embeddings).sum(1, keepdim=True)
        up = F.interpolate(self.reduce(src), scale_factor=4, mode="bilinear", align_corners=False)
        b, c, h, w = up.shape
        masks = (self.hyper(tokens) @ up.view(b, c, h * w)).view(b, -1, h, w)
        return masks, torch.sigmoid(self.iou_head(tokens)).squeeze(-1)


class FakeImageEncoder(nn.Module):
    def __init__(self, dim=256, small=8):
        super().__init__()
        self.img_size = 1024
        self.patch_embed = nn.Module()
        self.patch_embed.proj = nn.Conv2d(3, small, 16, stride=16)
        self.neck = nn.Conv2d(small, dim, 1)

    def forward(self, x):
        return self.neck(self.patch_embed.proj(x))


class FakeSam(nn.Module):
    """.image_encoder, .prompt_encoder, .mask_decoder, .mask_threshold like segment_anything's Sam."""

    def __init__(self):
        super().__init__()
        self.mask_threshold = 0.0
        self.image_encoder = FakeImageEncoder()
        self.prompt_encoder = FakePromptEncoder()
        self.mask_decoder = FakeMaskDecoder()


# ------------------------------------------------------------------ OWLv2 (transformers.Owlv2ForObjectDetection)
class FakeOwl(nn.Module):
    """forward(input_ids [Q,L], pixel_values [1,3,S,S]) -> .logits [1,N,Q], .pred_boxes [1,N,4] (cx,cy,w,h in
    0..1); query embedding read at argmax(input_ids) (the end-of-text id is the largest), like OWL-ViT."""

    def __init__(self, image_size=32, patch=8, width=12, length=8):
        super().__init__()
        self.config = SimpleNamespace(
            vision_config=SimpleNamespace(image_size=image_size, patch_size=patch),
            text_config=SimpleNamespace(max_position_embeddings=length))
        self.patches = nn.Conv2d(3, width, patch, stride=patch)
        self.token_embedding = nn.Embedding(len(WORDS) + 4, width)
        self.text_layer = TokenLayer(width, causal=True)
        self.box_head = nn.Linear(width, 4)

    def forward(self, input_ids, pixel_values, attention_mask=None):
        img = self.patches(pixel_values).flatten(2).transpose(1, 2)  # [1,N,C]
        text = self.text_layer(self.token_embedding(input_ids))  # [Q,L,C]
        query = text[torch.arange(input_ids.shape[0]), input_ids.argmax(dim=-1)]  # [Q,C]
        logits = img @ query.t().unsqueeze(0)  # [1,N,Q]
        return Output(logits=logits, pred_boxes=torch.sigmoid(self.box_head(img)))


# ------------------------------------------------------------------ tokenizer
def tokenizer_json():
    """A Hugging Face tokenizer.json (WordLevel) that adds begin/end-of-text tokens like CLIP's."""
    vocab = {"[PAD]": PAD, "[UNK]": UNK, "<|startoftext|>": BOS, "<|endoftext|>": EOS}
    for i, w in enumerate(WORDS):
        vocab[w] = 4 + i

    def special(token, i):
        return {"id": i, "content": token, "single_word": False, "lstrip": False, "rstrip": False,
                "normalized": False, "special": True}

    def template_token(token):
        return {"SpecialToken": {"id": token, "type_id": 0}}

    return json.dumps({
        "version": "1.0", "truncation": None, "padding": None,
        "added_tokens": [special(t, i) for t, i in vocab.items() if i < 4],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [template_token("<|startoftext|>"), {"Sequence": {"id": "A", "type_id": 0}},
                       template_token("<|endoftext|>")],
            "pair": [template_token("<|startoftext|>"), {"Sequence": {"id": "A", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 0}}, template_token("<|endoftext|>")],
            "special_tokens": {t: {"id": t, "ids": [i], "tokens": [t]}
                               for t, i in [("<|startoftext|>", BOS), ("<|endoftext|>", EOS)]}},
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "[UNK]"},
    }, indent=1)


def encode(text, length, pad_id=PAD):
    """What the Java TextTokenizer makes of `text` with tokenizer_json(): [BOS, words..., EOS], padded."""
    ids = [BOS] + [4 + WORDS.index(w) if w in WORDS else UNK for w in text.lower().split()] + [EOS]
    ids = ids[:length - 1] + [EOS] if len(ids) > length else ids
    return ids + [pad_id] * (length - len(ids))
