"""The contract wrappers (DESIGN.md §4): small nn.Modules that take a real backbone module as an argument and
turn its outputs into the shapes the Java side expects. Imports only torch: no Hugging Face, open_clip or
segment_anything module is needed to import (or test) this file.

Block numbers are 1-based: block k is the output of the k-th transformer block, i.e. Hugging Face's
`hidden_states[k]` (`hidden_states[0]` is the embedding output).
"""
from typing import List

import torch
from torch import nn


def _stack_blocks(hidden_states, blocks: List[int]):
    """[K,B,T,C] from a tuple of [B,T,C] hidden states (index 0 = embeddings)."""
    return torch.stack([hidden_states[k] for k in blocks], dim=0)


class ClipImageWrapper(nn.Module):
    """clip-image: float [B,3,S,S] (CLIP-normalized) -> (hidden [K,B,1+N,C], dense text-space tokens [B,1+N,D]).

    `vision_model` is Hugging Face's CLIPVisionTransformer (CLIPModel.vision_model): called as
    vision_model(pixel_values=x, output_hidden_states=True), it returns `.hidden_states` (embeddings + one per
    block, before post_layernorm). Dense tokens: the last block's tokens through `post_layernorm` and
    `visual_projection` (CLIP's own pooling path applied to every token, the "raw CLIP" dense baseline);
    token 0 of it is CLIP's image embedding.
    """

    def __init__(self, vision_model: nn.Module, visual_projection: nn.Module, blocks: List[int],
                 interpolate_pos_encoding: bool = False):
        super().__init__()
        self.vision_model = vision_model
        self.post_layernorm = vision_model.post_layernorm
        self.visual_projection = visual_projection
        self.blocks = list(blocks)
        self.interpolate = bool(interpolate_pos_encoding)

    def forward(self, pixels):
        if self.interpolate:  # another input size than the checkpoint's (transformers >= 4.45)
            out = self.vision_model(pixel_values=pixels, output_hidden_states=True, interpolate_pos_encoding=True)
        else:
            out = self.vision_model(pixel_values=pixels, output_hidden_states=True)
        hidden_states = out.hidden_states
        hidden = _stack_blocks(hidden_states, self.blocks)
        dense = self.visual_projection(self.post_layernorm(hidden_states[-1]))
        return hidden, dense


class ClipTextWrapper(nn.Module):
    """clip-text: int64 ids [B,L] -> projected text embedding [B,D] (not normalized).

    `text_model` is Hugging Face's CLIPTextTransformer (CLIPModel.text_model): its `last_hidden_state` is
    already through final_layer_norm. The embedding is the token at the FIRST end-of-text id of each row (the
    tokenizer adds one; padding after it cannot change it, CLIP's attention is causal), through
    `text_projection`. A row without end-of-text (never produced by the Java tokenizer, which keeps the final
    special token when it truncates) uses its last position.
    """

    def __init__(self, text_model: nn.Module, text_projection: nn.Module, eos_id: int):
        super().__init__()
        self.text_model = text_model
        self.text_projection = text_projection
        self.eos_id = int(eos_id)

    def forward(self, ids):
        tokens = self.text_model(input_ids=ids).last_hidden_state  # [B,L,W]
        is_eos = (ids == self.eos_id).to(torch.int64)
        first = is_eos.argmax(dim=1)
        last = first * 0 + (ids.shape[1] - 1)  # not zeros_like: a trace would pin it to the tracing device
        pos = torch.where(is_eos.sum(dim=1) > 0, first, last)
        # gather, not tokens[arange(B), pos]: a traced arange would carry the tracing device as a constant
        index = pos.view(-1, 1, 1).expand(-1, 1, tokens.shape[-1])
        return self.text_projection(tokens.gather(1, index).squeeze(1))


class Dinov2Wrapper(nn.Module):
    """dinov2: float [B,3,S',S'] (ImageNet-normalized) -> hidden [K',B,1+N',C'], register tokens dropped.

    `backbone` is Hugging Face's Dinov2Model or Dinov2WithRegistersModel: called as backbone(pixel_values=x,
    output_hidden_states=True) it returns `.hidden_states`, tokens ordered [CLS, R registers, N' patches].
    """

    def __init__(self, backbone: nn.Module, blocks: List[int], num_register_tokens: int):
        super().__init__()
        self.backbone = backbone
        self.blocks = list(blocks)
        self.registers = int(num_register_tokens)

    def forward(self, pixels):
        out = self.backbone(pixel_values=pixels, output_hidden_states=True)
        hidden = _stack_blocks(out.hidden_states, self.blocks)
        if self.registers > 0:
            hidden = torch.cat([hidden[:, :, :1], hidden[:, :, 1 + self.registers:]], dim=2)
        return hidden


class SamEncoderWrapper(nn.Module):
    """sam-encoder: float [1,3,1024,1024] (SAM-normalized, zero-padded bottom/right) -> [1,256,64,64].

    `image_encoder` is segment_anything's Sam.image_encoder (ImageEncoderViT); the Java side does SAM's
    preprocessing (resize longest side, normalize, pad), so this is the encoder alone, as in SAM's
    ImageEncoderOnnxModel with use_preprocess=False.
    """

    def __init__(self, image_encoder: nn.Module):
        super().__init__()
        self.image_encoder = image_encoder

    def forward(self, image):
        return self.image_encoder(image)


class SamDecoderWrapper(nn.Module):
    """sam-decoder: (embedding [1,256,64,64], coords float [P,n,2] (x,y) in the 1024 frame, labels float [P,n])
    -> (low-res mask logits [P,4,256,256], predicted IoU [P,4]).

    Built the way segment_anything/utils/onnx.py (SamOnnxModel) builds it: points embedded with the prompt
    encoder's random-Fourier `pe_layer._pe_encoding` of (coords + 0.5) / img_size, label −1 -> not_a_point_embed,
    label i in 0..3 -> + point_embeddings[i] (0 bg, 1 fg, 2/3 box corners); no mask input (dense prompt =
    no_mask_embed); then mask_decoder.predict_masks. Unlike SamOnnxModel it keeps ALL mask tokens (index 0 =
    single-mask output, 1..3 = multimask) at low resolution, with no selection and no upscaling.
    """

    def __init__(self, prompt_encoder: nn.Module, mask_decoder: nn.Module, img_size: int):
        super().__init__()
        self.prompt_encoder = prompt_encoder
        self.mask_decoder = mask_decoder
        self.img_size = int(img_size)
        self.num_point_embeddings = int(prompt_encoder.num_point_embeddings)

    def embed_points(self, coords, labels):
        coords = (coords + 0.5) / self.img_size
        emb = self.prompt_encoder.pe_layer._pe_encoding(coords)  # [P,n,C]
        labels = labels.unsqueeze(-1).expand_as(emb)
        emb = emb * (labels != -1)
        emb = emb + self.prompt_encoder.not_a_point_embed.weight * (labels == -1)
        for i in range(self.num_point_embeddings):
            emb = emb + self.prompt_encoder.point_embeddings[i].weight * (labels == i)
        return emb

    def forward(self, embedding, coords, labels):
        sparse = self.embed_points(coords, labels)
        dense = self.prompt_encoder.no_mask_embed.weight.reshape(1, -1, 1, 1).expand(
            1, -1, embedding.shape[-2], embedding.shape[-1])
        masks, iou = self.mask_decoder.predict_masks(
            image_embeddings=embedding,
            image_pe=self.prompt_encoder.get_dense_pe(),
            sparse_prompt_embeddings=sparse,
            dense_prompt_embeddings=dense,
        )
        return masks, iou


class OwlGrounderWrapper(nn.Module):
    """grounder: (image float [1,3,S,S], CLIP-normalized and padded to a square; phrase ids int64 [Q,L])
    -> (boxes [Q,T,4] (cx,cy,w,h) normalized to the padded square, scores [Q,T] in 0..1, best first).

    `detector` is Hugging Face's Owlv2ForObjectDetection (or OwlViTForObjectDetection): called as
    detector(input_ids=ids, pixel_values=image) with one image and Q text queries it returns `.logits`
    [1,N,Q] (one per image patch and query) and `.pred_boxes` [1,N,4] (cx,cy,w,h relative to the input
    square). One query per phrase: each query keeps its T best patches (sigmoid of the logit) and their boxes.
    No attention mask is passed: the query embedding is read at the end-of-text token and the text attention
    is causal, so padding after it changes nothing.
    """

    def __init__(self, detector: nn.Module, boxes_per_query: int):
        super().__init__()
        self.detector = detector
        self.boxes_per_query = int(boxes_per_query)

    def forward(self, image, ids):
        out = self.detector(input_ids=ids, pixel_values=image)
        scores = torch.sigmoid(out.logits[0].transpose(0, 1))  # [Q,N]
        top, index = scores.topk(self.boxes_per_query, dim=1)  # [Q,T]
        boxes = out.pred_boxes[0][index]  # [Q,T,4]
        return boxes, top
