"""The wrappers and export functions on the REAL library classes (randomly initialised, tiny configurations, no
download): segment_anything's Sam and, where installed, transformers' CLIPModel, Dinov2WithRegistersModel and
Owlv2ForObjectDetection. Run this on the export machine before exporting: it checks the attribute paths, call
signatures and traceability of the versions installed there. Each class is skipped, with the reason, where its
library is not importable (here: Debian's torch 1.13 without them).
"""
import importlib.util
import os
import sys
import tempfile
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import export_clip  # noqa: E402
import export_dinov2  # noqa: E402
import export_owlv2  # noqa: E402
import export_sam  # noqa: E402
from wrappers import (ClipImageWrapper, ClipTextWrapper, Dinov2Wrapper, OwlGrounderWrapper,  # noqa: E402
                      SamDecoderWrapper)

HAS_SAM = importlib.util.find_spec("segment_anything") is not None
HAS_HF = importlib.util.find_spec("transformers") is not None


def setUpModule():
    torch.manual_seed(0)


@unittest.skipUnless(HAS_SAM, "segment_anything is not installed (pip install "
                              "git+https://github.com/facebookresearch/segment-anything.git)")
class RealSamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from segment_anything.modeling import ImageEncoderViT, MaskDecoder, PromptEncoder, Sam, TwoWayTransformer
        torch.manual_seed(0)
        encoder = ImageEncoderViT(depth=1, embed_dim=32, img_size=1024, mlp_ratio=2, num_heads=2, patch_size=16,
                                  qkv_bias=True, use_rel_pos=True, global_attn_indexes=[0], window_size=14,
                                  out_chans=256)
        prompt = PromptEncoder(embed_dim=256, image_embedding_size=(64, 64), input_image_size=(1024, 1024),
                               mask_in_chans=16)
        decoder = MaskDecoder(num_multimask_outputs=3, transformer=TwoWayTransformer(
            depth=2, embedding_dim=256, mlp_dim=256, num_heads=8), transformer_dim=256, iou_head_depth=3,
            iou_head_hidden_dim=64)
        cls.sam = Sam(encoder, prompt, decoder, pixel_mean=[123.675, 116.28, 103.53],
                      pixel_std=[58.395, 57.12, 57.375]).eval()
        for p in cls.sam.prompt_encoder.parameters():  # nn.Embedding starts random, but make it explicit
            torch.nn.init.normal_(p)
        cls.embedding = torch.randn(1, 256, 64, 64)
        cls.wrapper = SamDecoderWrapper(cls.sam.prompt_encoder, cls.sam.mask_decoder, 1024).eval()

    def test_equals_sams_onnx_model_with_all_masks_kept(self):
        from segment_anything.utils.onnx import SamOnnxModel
        onnx = SamOnnxModel(self.sam, return_single_mask=False).eval()
        coords = torch.tensor([[[100.0, 200.0], [0.0, 0.0]], [[10.0, 20.0], [900.0, 1000.0]]])
        labels = torch.tensor([[1.0, -1.0], [2.0, 3.0]])
        with torch.no_grad():
            masks, iou = self.wrapper(self.embedding, coords, labels)
            _, want_iou, want_masks = onnx(self.embedding, coords, labels, torch.zeros(1, 1, 256, 256),
                                           torch.zeros(1), torch.tensor([1024.0, 1024.0]))
        self.assertEqual(tuple(masks.shape), (2, 4, 256, 256))
        torch.testing.assert_close(masks, want_masks, atol=1e-4, rtol=1e-4)
        torch.testing.assert_close(iou, want_iou, atol=1e-5, rtol=1e-5)

    def test_equals_sams_own_prompt_encoder_for_points_and_boxes(self):
        # The contract's prompts (points + SAM's padding point; a box as corners labelled 2, 3) give what SAM's
        # predictor path (prompt_encoder.forward, then predict_masks) gives.
        pe, md = self.sam.prompt_encoder, self.sam.mask_decoder
        points, point_labels = torch.tensor([[[300.0, 310.0], [600.0, 200.0]]]), torch.tensor([[1, 0]])
        box = torch.tensor([[120.0, 80.0, 700.0, 650.0]])
        with torch.no_grad():
            sparse, dense = pe(points=(points, point_labels), boxes=None, masks=None)
            want_points = md.predict_masks(self.embedding, pe.get_dense_pe(), sparse, dense)
            sparse, dense = pe(points=None, boxes=box, masks=None)
            want_box = md.predict_masks(self.embedding, pe.get_dense_pe(), sparse, dense)
            got_points = self.wrapper(self.embedding, torch.tensor([[[300.0, 310.0], [600.0, 200.0], [0.0, 0.0]]]),
                                      torch.tensor([[1.0, 0.0, -1.0]]))
            got_box = self.wrapper(self.embedding, box.view(1, 2, 2), torch.tensor([[2.0, 3.0]]))
        for got, want in [(got_points, want_points), (got_box, want_box)]:
            torch.testing.assert_close(got[0], want[0], atol=1e-4, rtol=1e-4)
            torch.testing.assert_close(got[1], want[1], atol=1e-5, rtol=1e-5)

    def test_exports_trace_with_free_prompt_counts(self):
        with tempfile.TemporaryDirectory() as out:
            export_sam.export_encoder(self.sam, out, "tiny random Sam")
            export_sam.export_decoder(self.sam, out, "tiny random Sam")
            decoder = torch.jit.load(os.path.join(out, "sam-decoder.pt"))
            masks, iou = decoder(self.embedding, torch.rand(7, 4, 2) * 1024, torch.ones(7, 4))
            self.assertEqual((tuple(masks.shape), tuple(iou.shape)), ((7, 4, 256, 256), (7, 4)))


def features(out):
    """get_*_features: a tensor in transformers 4.x, an output object with the projected pooler_output in 5.x."""
    return out if isinstance(out, torch.Tensor) else out.pooler_output


@unittest.skipUnless(HAS_HF, "transformers is not installed (pip install 'transformers>=4.48')")
class RealHuggingFaceTest(unittest.TestCase):
    """Tiny random configurations of the real classes; ids use the largest vocabulary id as end-of-text, so
    Hugging Face's own pooling (argmax of the ids, or the first eos_token_id) picks the same token."""

    def test_clip_wrappers_equal_clips_own_features(self):
        from transformers import CLIPConfig, CLIPModel
        cfg = CLIPConfig(
            text_config=dict(vocab_size=100, hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                             num_attention_heads=4, max_position_embeddings=16, bos_token_id=98, eos_token_id=99,
                             pad_token_id=0),
            vision_config=dict(hidden_size=32, intermediate_size=37, num_hidden_layers=3, num_attention_heads=4,
                               image_size=28, patch_size=7),
            projection_dim=24)
        model = CLIPModel(cfg).eval()
        x = torch.randn(2, 3, 28, 28)
        ids = torch.tensor([[98, 5, 6, 99] + [0] * 12, [98, 7, 99] + [99] * 13])
        with torch.no_grad():
            hidden, dense = ClipImageWrapper(model.vision_model, model.visual_projection, [1, 3])(x)
            states = model.vision_model(pixel_values=x, output_hidden_states=True).hidden_states
            torch.testing.assert_close(hidden[1], states[3])
            torch.testing.assert_close(dense[:, 0], features(model.get_image_features(pixel_values=x)),
                                       atol=1e-5, rtol=1e-4)
            text = ClipTextWrapper(model.text_model, model.text_projection, 99)(ids)
            torch.testing.assert_close(text, features(model.get_text_features(input_ids=ids)), atol=1e-5, rtol=1e-4)
        with tempfile.TemporaryDirectory() as out:
            export_clip.export_image(model, "1,3", out, "tiny random CLIPModel")
            # another input size than the checkpoint's: interpolated position embeddings (transformers >= 4.45)
            export_clip.export_image(model, "3", out, "tiny random CLIPModel", name="clip-image-35", input_size=35)
            hidden, _ = torch.jit.load(os.path.join(out, "clip-image-35.pt"))(torch.randn(1, 3, 35, 35))
            self.assertEqual(tuple(hidden.shape), (1, 1, 1 + 25, 32))
            export_clip.export_text(model, "{}", 0, 98, 99, out, "tiny random CLIPModel")

    def test_dinov2_with_registers_drops_them(self):
        from transformers import Dinov2WithRegistersConfig, Dinov2WithRegistersModel
        cfg = Dinov2WithRegistersConfig(hidden_size=32, num_hidden_layers=3, num_attention_heads=4,
                                        intermediate_size=37, image_size=28, patch_size=7, num_register_tokens=4)
        model = Dinov2WithRegistersModel(cfg).eval()
        x = torch.randn(2, 3, 28, 28)
        with torch.no_grad():
            hidden = Dinov2Wrapper(model, [2, 3], 4)(x)
            states = model(pixel_values=x, output_hidden_states=True).hidden_states
        self.assertEqual(tuple(states[2].shape), (2, 1 + 4 + 16, 32))
        torch.testing.assert_close(hidden[0], torch.cat([states[2][:, :1], states[2][:, 5:]], dim=1))
        with tempfile.TemporaryDirectory() as out:
            export_dinov2.export_dinov2(model, "2,3", out, "tiny random Dinov2WithRegistersModel", input_size=42)

    def test_owlv2_boxes_are_the_best_patches_per_query(self):
        from transformers import Owlv2Config, Owlv2ForObjectDetection
        cfg = Owlv2Config(
            text_config=dict(vocab_size=100, hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                             num_attention_heads=4, max_position_embeddings=16),
            vision_config=dict(hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
                               image_size=32, patch_size=8),
            projection_dim=32)
        model = Owlv2ForObjectDetection(cfg).eval()
        image = torch.randn(1, 3, 32, 32)
        ids = torch.tensor([[98, 5, 6, 99] + [0] * 12, [98, 7, 99] + [0] * 13, [98, 8, 9, 10, 99] + [0] * 11])
        with torch.no_grad():
            boxes, scores = OwlGrounderWrapper(model, 3)(image, ids)
            out = model(input_ids=ids, pixel_values=image)
        for q in range(3):
            s = torch.sigmoid(out.logits[0, :, q])
            top = s.topk(3)
            torch.testing.assert_close(scores[q], top.values)
            torch.testing.assert_close(boxes[q], out.pred_boxes[0, top.indices])
        with tempfile.TemporaryDirectory() as out_dir:
            export_owlv2.export_grounder(model, "{}", 0, 98, 99, 3, out_dir, "tiny random Owlv2ForObjectDetection")


if __name__ == "__main__":
    unittest.main()
