"""The scripts' command lines, with load_checkpoint swapped for stand-ins: options reach the files (blocks,
input size, roles, boxes per query, names) and bad options fail with a message naming them."""
import contextlib
import io
import json
import os
import sys
import tempfile
import unittest
from types import SimpleNamespace
from unittest import mock

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
import export_clip  # noqa: E402
import export_dinov2  # noqa: E402
import export_owlv2  # noqa: E402
import export_sam  # noqa: E402
import fakes  # noqa: E402
from export_common import ExportError  # noqa: E402


def fake_tokenizer():
    return SimpleNamespace(backend_tokenizer=SimpleNamespace(to_str=fakes.tokenizer_json),
                           pad_token_id=fakes.EOS, bos_token_id=fakes.BOS, eos_token_id=fakes.EOS)


def run(main, argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(argv)
    return out.getvalue()


class CliTest(unittest.TestCase):
    def setUp(self):
        torch.manual_seed(0)
        self.tmp = tempfile.TemporaryDirectory()
        self.out = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def sidecar(self, name):
        with open(os.path.join(self.out, name + ".json")) as f:
            return json.load(f)

    def test_clip_writes_both_towers_and_the_tokenizer(self):
        with mock.patch.object(export_clip, "load_checkpoint",
                               return_value=(fakes.FakeClipModel().eval(), fake_tokenizer())) as load:
            printed = run(export_clip.main, ["--checkpoint", "openai/clip-vit-large-patch14", "--out", self.out,
                                             "--blocks", "1,3"])
        load.assert_called_once_with("openai/clip-vit-large-patch14")
        self.assertEqual(sorted(os.listdir(self.out)), ["clip-image.json", "clip-image.pt", "clip-text.json",
                                                         "clip-text.pt", "clip-text.tokenizer.json"])
        self.assertIn("wrote " + os.path.join(self.out, "clip-text.pt"), printed)
        image = self.sidecar("clip-image")
        self.assertEqual((image["source_checkpoint"], image["selected_blocks"]),
                         ("openai/clip-vit-large-patch14", [1, 3]))
        text = self.sidecar("clip-text")
        self.assertEqual((text["pad_id"], text["eos_id"], text["tokenizer"]),
                         (fakes.EOS, fakes.EOS, "clip-text.tokenizer.json"))

    def test_clip_text_only(self):
        with mock.patch.object(export_clip, "load_checkpoint",
                               return_value=(fakes.FakeClipModel().eval(), fake_tokenizer())):
            run(export_clip.main, ["--out", self.out, "--roles", "text"])
        self.assertNotIn("clip-image.pt", os.listdir(self.out))

    def test_dinov2_input_size_sets_the_grid(self):
        with mock.patch.object(export_dinov2, "load_checkpoint", return_value=fakes.FakeDinov2(registers=4).eval()):
            run(export_dinov2.main, ["--out", self.out, "--blocks", "2,4", "--input-size", "42"])
        s = self.sidecar("dinov2")
        self.assertEqual((s["input_size"], s["grid"], s["num_tokens"], s["selected_blocks"]), (42, 6, 37, [2, 4]))
        self.assertEqual(tuple(torch.jit.load(os.path.join(self.out, "dinov2.pt"))(
            torch.randn(1, 3, 42, 42)).shape), (2, 1, 37, 12))

    def test_dinov2_rejects_an_input_size_off_the_patch_grid(self):
        with mock.patch.object(export_dinov2, "load_checkpoint", return_value=fakes.FakeDinov2(registers=0).eval()):
            with self.assertRaises(ExportError) as e:
                run(export_dinov2.main, ["--out", self.out, "--input-size", "40"])
        self.assertIn("input size 40 is not a positive multiple of the patch size 7", str(e.exception))

    def test_sam_names_the_checkpoint_file_and_writes_both_roles(self):
        with mock.patch.object(export_sam, "load_checkpoint", return_value=fakes.FakeSam().eval()) as load:
            run(export_sam.main, ["--model-type", "vit_b", "--checkpoint", "/ckpt/sam_vit_b_01ec64.pth",
                                  "--out", self.out])
        load.assert_called_once_with("vit_b", "/ckpt/sam_vit_b_01ec64.pth")
        self.assertEqual(self.sidecar("sam-encoder")["source_checkpoint"],
                         "segment-anything vit_b sam_vit_b_01ec64.pth")
        self.assertEqual(self.sidecar("sam-decoder")["num_masks"], 4)

    def test_owlv2_keeps_the_processors_normalization_and_t(self):
        norm = {"mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25], "scale": 1}
        with mock.patch.object(export_owlv2, "load_checkpoint",
                               return_value=(fakes.FakeOwl().eval(), fake_tokenizer(), norm)):
            run(export_owlv2.main, ["--out", self.out, "--boxes-per-query", "5"])
        s = self.sidecar("grounder")
        self.assertEqual((s["boxes_per_query"], s["normalization"], s["tokenizer"]),
                         (5, norm, "grounder.tokenizer.json"))
        self.assertTrue(os.path.isfile(os.path.join(self.out, "grounder.tokenizer.json")))


if __name__ == "__main__":
    unittest.main()
