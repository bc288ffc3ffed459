"""Shape logic of the contract wrappers (block selection, register removal, grids, end-of-text pooling,
SAM prompt embedding and mask assembly, OWL box selection), on stand-ins with the real attribute paths.

    /usr/bin/python3 -m unittest discover -s tools/export/tests -v
"""
import os
import sys
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
import fakes  # noqa: E402
from export_common import ExportError, grid_of, parse_blocks, trace_checked  # noqa: E402
from wrappers import (ClipImageWrapper, ClipTextWrapper, Dinov2Wrapper, OwlGrounderWrapper,  # noqa: E402
                      SamDecoderWrapper, SamEncoderWrapper)


def setUpModule():
    torch.manual_seed(0)
    torch.set_num_threads(1)


class ClipImageTest(unittest.TestCase):
    def setUp(self):
        self.clip = fakes.FakeClipModel(image_size=28, patch=7, width=16, depth=3, out=12).eval()
        self.x = torch.randn(2, 3, 28, 28)

    def test_selected_blocks_are_the_1_based_block_outputs(self):
        hidden, _ = ClipImageWrapper(self.clip.vision_model, self.clip.visual_projection, [1, 3])(self.x)
        states = self.clip.vision_model(pixel_values=self.x, output_hidden_states=True).hidden_states
        self.assertEqual(tuple(hidden.shape), (2, 2, 1 + 4 * 4, 16))
        torch.testing.assert_close(hidden[0], states[1])
        torch.testing.assert_close(hidden[1], states[3])
        self.assertFalse(torch.allclose(hidden[0], states[0]), "block 1 must not be the embedding output")

    def test_dense_tokens_are_the_last_block_through_post_layernorm_and_projection(self):
        _, dense = ClipImageWrapper(self.clip.vision_model, self.clip.visual_projection, [1])(self.x)
        out = self.clip.vision_model(pixel_values=self.x, output_hidden_states=True)
        self.assertEqual(tuple(dense.shape), (2, 17, 12))
        # token 0 is CLIP's image embedding: visual_projection(pooler_output)
        torch.testing.assert_close(dense[:, 0], self.clip.visual_projection(out.pooler_output))
        torch.testing.assert_close(dense[:, 5], self.clip.visual_projection(
            self.clip.vision_model.post_layernorm(out.last_hidden_state[:, 5])))

    def test_trace_keeps_the_batch_free(self):
        wrapper = ClipImageWrapper(self.clip.vision_model, self.clip.visual_projection, [2, 3])
        traced, _ = trace_checked(wrapper, (self.x[:1],), [(self.x,)])
        hidden, dense = traced(torch.randn(3, 3, 28, 28))
        self.assertEqual(tuple(hidden.shape), (2, 3, 17, 16))
        self.assertEqual(tuple(dense.shape), (3, 17, 12))


class ClipTextTest(unittest.TestCase):
    def setUp(self):
        self.clip = fakes.FakeClipModel(length=8).eval()
        self.wrapper = ClipTextWrapper(self.clip.text_model, self.clip.text_projection, fakes.EOS).eval()

    def ids(self, *texts, pad=fakes.PAD):
        return torch.tensor([fakes.encode(t, 8, pad) for t in texts])

    def test_pools_at_the_first_end_of_text_token(self):
        ids = self.ids("a red circle", "dog")
        out = self.wrapper(ids)
        tokens = self.clip.text_model(input_ids=ids).last_hidden_state
        self.assertEqual(tuple(out.shape), (2, 12))
        torch.testing.assert_close(out[0], self.clip.text_projection(tokens[0, 4]))  # BOS a red circle EOS
        torch.testing.assert_close(out[1], self.clip.text_projection(tokens[1, 2]))

    def test_padding_with_the_end_of_text_id_gives_the_same_embedding(self):
        # openai/clip-vit-large-patch14's tokenizer pads with <|endoftext|> itself
        torch.testing.assert_close(self.wrapper(self.ids("the blue top", pad=fakes.PAD)),
                                   self.wrapper(self.ids("the blue top", pad=fakes.EOS)))

    def test_a_row_without_end_of_text_uses_the_last_position(self):
        ids = torch.tensor([[fakes.BOS, 4, 5, 6, 7, 8, 9, 10]])
        tokens = self.clip.text_model(input_ids=ids).last_hidden_state
        torch.testing.assert_close(self.wrapper(ids)[0], self.clip.text_projection(tokens[0, 7]))

    def test_trace_keeps_the_batch_free(self):
        traced, _ = trace_checked(self.wrapper, (self.ids("a dog", "cat"),), [(self.ids("red", "blue", "x y z"),)])
        self.assertEqual(tuple(traced(self.ids("a", "b", "c", "d")).shape), (4, 12))


class Dinov2Test(unittest.TestCase):
    def test_register_tokens_are_dropped_and_the_rest_kept_in_order(self):
        model = fakes.FakeDinov2(registers=4).eval()
        x = torch.randn(2, 3, 28, 28)
        hidden = Dinov2Wrapper(model, [2, 4], 4)(x)
        states = model(pixel_values=x, output_hidden_states=True).hidden_states
        self.assertEqual(tuple(hidden.shape), (2, 2, 1 + 16, 12))
        self.assertEqual(tuple(states[2].shape), (2, 1 + 4 + 16, 12))
        self.assertLess(hidden.abs().max().item(), 500.0, "a register token (values >= 1000) leaked")
        torch.testing.assert_close(hidden[0, :, 0], states[2][:, 0])
        torch.testing.assert_close(hidden[1, :, 1:], states[4][:, 5:])

    def test_without_registers_every_token_is_kept(self):
        model = fakes.FakeDinov2(registers=0).eval()
        x = torch.randn(1, 3, 28, 28)
        hidden = Dinov2Wrapper(model, [1], 0)(x)
        torch.testing.assert_close(hidden[0], model(pixel_values=x, output_hidden_states=True).hidden_states[1])

    def test_trace_keeps_the_batch_free(self):
        model = fakes.FakeDinov2(registers=4).eval()
        traced, _ = trace_checked(Dinov2Wrapper(model, [1, 2], 4), (torch.randn(1, 3, 28, 28),),
                               [(torch.randn(3, 3, 28, 28),)])
        self.assertEqual(tuple(traced(torch.randn(2, 3, 28, 28)).shape), (2, 2, 17, 12))


class SamTest(unittest.TestCase):
    def setUp(self):
        self.sam = fakes.FakeSam().eval()
        self.wrapper = SamDecoderWrapper(self.sam.prompt_encoder, self.sam.mask_decoder, 1024).eval()
        self.embedding = torch.randn(1, 256, 64, 64)

    def reference_point_embedding(self, coords, labels):
        """SamOnnxModel._embed_points written out point by point."""
        pe = self.sam.prompt_encoder
        out = torch.zeros(coords.shape[0], coords.shape[1], 256)
        for p in range(coords.shape[0]):
            for i in range(coords.shape[1]):
                label = int(labels[p, i])
                if label == -1:
                    out[p, i] = pe.not_a_point_embed.weight[0]
                else:
                    xy = (coords[p, i] + 0.5) / 1024
                    out[p, i] = pe.pe_layer._pe_encoding(xy.view(1, 2))[0] + pe.point_embeddings[label].weight[0]
        return out

    def test_point_embedding_matches_sams_onnx_export(self):
        coords = torch.tensor([[[100.0, 200.0], [0.0, 0.0]], [[10.0, 20.0], [900.0, 1000.0]]])
        labels = torch.tensor([[1.0, -1.0], [2.0, 3.0]])
        torch.testing.assert_close(self.wrapper.embed_points(coords, labels),
                                   self.reference_point_embedding(coords, labels))
        bg = self.wrapper.embed_points(torch.tensor([[[5.0, 5.0]]]), torch.tensor([[0.0]]))
        torch.testing.assert_close(bg, self.reference_point_embedding(torch.tensor([[[5.0, 5.0]]]),
                                                                      torch.tensor([[0.0]])))

    def test_all_four_low_res_masks_come_out_with_no_mask_dense_prompt(self):
        coords = torch.tensor([[[100.0, 200.0], [0.0, 0.0]], [[10.0, 20.0], [900.0, 1000.0]]])
        labels = torch.tensor([[1.0, -1.0], [2.0, 3.0]])
        masks, iou = self.wrapper(self.embedding, coords, labels)
        self.assertEqual(tuple(masks.shape), (2, 4, 256, 256))
        self.assertEqual(tuple(iou.shape), (2, 4))
        pe = self.sam.prompt_encoder
        want_masks, want_iou = self.sam.mask_decoder.predict_masks(
            self.embedding, pe.get_dense_pe(), self.reference_point_embedding(coords, labels),
            pe.no_mask_embed.weight.reshape(1, -1, 1, 1).expand(1, -1, 64, 64))
        torch.testing.assert_close(masks, want_masks)
        torch.testing.assert_close(iou, want_iou)

    def test_the_padding_point_is_ignored_and_a_real_point_is_not(self):
        labels = torch.tensor([[1.0, -1.0]])
        a, _ = self.wrapper(self.embedding, torch.tensor([[[300.0, 300.0], [0.0, 0.0]]]), labels)
        b, _ = self.wrapper(self.embedding, torch.tensor([[[300.0, 300.0], [700.0, 20.0]]]), labels)
        c, _ = self.wrapper(self.embedding, torch.tensor([[[310.0, 300.0], [0.0, 0.0]]]), labels)
        torch.testing.assert_close(a, b)
        self.assertFalse(torch.allclose(a, c))

    def test_trace_keeps_prompt_count_and_points_per_prompt_free(self):
        example = (self.embedding, torch.tensor([[[500.0, 400.0], [0.0, 0.0]]]), torch.tensor([[1.0, -1.0]]))
        others = [(self.embedding, torch.rand(3, 2, 2) * 1024, torch.tensor([[2.0, 3.0]] * 3)),
                  (self.embedding, torch.rand(2, 3, 2) * 1024, torch.tensor([[1.0, 0.0, -1.0], [1.0, 1.0, 0.0]]))]
        traced, _ = trace_checked(self.wrapper, example, others)
        masks, iou = traced(self.embedding, torch.rand(5, 1, 2) * 1024, torch.ones(5, 1))
        self.assertEqual(tuple(masks.shape), (5, 4, 256, 256))
        self.assertEqual(tuple(iou.shape), (5, 4))

    def test_encoder_maps_1024_to_the_64_grid(self):
        out = SamEncoderWrapper(self.sam.image_encoder)(torch.randn(1, 3, 1024, 1024))
        self.assertEqual(tuple(out.shape), (1, 256, 64, 64))


class OwlGrounderTest(unittest.TestCase):
    def setUp(self):
        self.owl = fakes.FakeOwl(image_size=32, patch=8, length=8).eval()
        self.image = torch.randn(1, 3, 32, 32)
        self.ids = torch.tensor([fakes.encode(t, 8) for t in ["a red circle", "the dog", "handle"]])

    def test_each_query_keeps_its_best_patches_and_their_boxes(self):
        boxes, scores = OwlGrounderWrapper(self.owl, 3)(self.image, self.ids)
        self.assertEqual(tuple(boxes.shape), (3, 3, 4))
        self.assertEqual(tuple(scores.shape), (3, 3))
        out = self.owl(input_ids=self.ids, pixel_values=self.image)
        for q in range(3):
            s = torch.sigmoid(out.logits[0, :, q])
            order = sorted(range(16), key=lambda n: -s[n].item())[:3]
            torch.testing.assert_close(scores[q], s[order])
            torch.testing.assert_close(boxes[q], out.pred_boxes[0, order])
        self.assertTrue(bool((scores[:, :-1] >= scores[:, 1:]).all()), "scores best first")
        self.assertTrue(bool(((boxes >= 0) & (boxes <= 1)).all()), "cx,cy,w,h normalized to the square")

    def test_trace_keeps_the_query_count_free(self):
        wrapper = OwlGrounderWrapper(self.owl, 4)
        traced, _ = trace_checked(wrapper, (self.image, self.ids[:2]), [(self.image, self.ids), (self.image, self.ids[:1])])
        boxes, scores = traced(self.image, torch.cat([self.ids, self.ids]))
        self.assertEqual(tuple(boxes.shape), (6, 4, 4))
        self.assertEqual(tuple(scores.shape), (6, 4))


class DeviceFreeTest(unittest.TestCase):
    def test_no_wrapper_pins_the_tracing_device(self):
        """A tensor a wrapper creates in a trace carries the tracing device as a constant (a CPU export would then
        fail on a GPU executor): the wrappers' own traced code names no device."""
        clip, sam = fakes.FakeClipModel().eval(), fakes.FakeSam().eval()
        ids = torch.tensor([fakes.encode("a dog", 8)])
        cases = [
            (ClipImageWrapper(clip.vision_model, clip.visual_projection, [1, 2]), (torch.randn(1, 3, 28, 28),)),
            (ClipTextWrapper(clip.text_model, clip.text_projection, fakes.EOS), (ids,)),
            (Dinov2Wrapper(fakes.FakeDinov2(registers=4), [1, 2], 4), (torch.randn(1, 3, 28, 28),)),
            (SamEncoderWrapper(sam.image_encoder), (torch.randn(1, 3, 1024, 1024),)),
            (SamDecoderWrapper(sam.prompt_encoder, sam.mask_decoder, 1024),
             (torch.randn(1, 256, 64, 64), torch.rand(2, 2, 2) * 1024, torch.ones(2, 2))),
            (OwlGrounderWrapper(fakes.FakeOwl(), 3), (torch.randn(1, 3, 32, 32), ids)),
        ]
        for wrapper, example in cases:
            traced, _ = trace_checked(wrapper, example, [])
            self.assertNotIn("device", traced.code, type(wrapper).__name__)


class FrozenShape(torch.nn.Module):
    def forward(self, x):
        return torch.cat([x, torch.ones(int(x.shape[0]), 1)], dim=1)  # int() freezes B in a trace


class FrozenValue(torch.nn.Module):
    def forward(self, x):
        return x * int(x.shape[0])


class HelpersTest(unittest.TestCase):
    def test_a_trace_that_freezes_the_batch_fails_at_export_time(self):
        with self.assertRaises(ExportError) as e:
            trace_checked(FrozenShape(), (torch.randn(1, 3),), [(torch.randn(2, 3),)])
        self.assertIn("the traced model fails on inputs of shapes [(2, 3)] (traced with [(1, 3)])", str(e.exception))
        with self.assertRaises(ExportError) as e:
            trace_checked(FrozenValue(), (torch.randn(1, 3),), [(torch.randn(2, 3),)])
        self.assertIn("output 0 differs from the eager model on inputs of shapes [(2, 3)]", str(e.exception))

    def test_blocks_are_checked_against_the_depth(self):
        self.assertEqual(parse_blocks("6, 12,24", 24), [6, 12, 24])
        for bad, words in [("0,3", "outside 1..24"), ("12,6", "strictly increasing"), ("x", "integers"),
                           ("25", "the model has 24 blocks"), ("", "empty")]:
            with self.assertRaises(ExportError) as e:
                parse_blocks(bad, 24)
            self.assertIn(words, str(e.exception))

    def test_grid_needs_a_multiple_of_the_patch(self):
        self.assertEqual(grid_of(518, 14, "dinov2"), 37)
        with self.assertRaises(ExportError) as e:
            grid_of(500, 14, "dinov2")
        self.assertIn("dinov2: input size 500 is not a positive multiple of the patch size 14", str(e.exception))


if __name__ == "__main__":
    unittest.main()
