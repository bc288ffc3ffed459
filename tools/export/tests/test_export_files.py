"""The export functions of every script, run on stand-ins: they write <role>.pt (TorchScript) + <role>.json
(sidecar) (+ <role>.tokenizer.json) that reload with torch.jit.load and honour DESIGN.md §4. With
USE_EXPORT_OUT=<dir> the files are kept there (the Java test ai.use.model.export.ExportedModelsTest then loads
them through ModelLoader and the adapters), else they go to a temporary folder.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)
import export_clip  # noqa: E402
import export_dinov2  # noqa: E402
import export_owlv2  # noqa: E402
import export_sam  # noqa: E402
import fakes  # noqa: E402
from export_common import ExportError, write_json  # noqa: E402

TEXTS = ["a red circle", "the blue top of the square", "dog"]

# What ai.use.model.spec.Sidecar.validate requires per role (besides role and format_version).
IMAGE_FIELDS = ["input_size", "resize_mode", "normalization"]
REQUIRED = {
    "clip-image": IMAGE_FIELDS + ["patch_size", "grid", "selected_blocks", "hidden_width", "output_width"],
    "dinov2": IMAGE_FIELDS + ["patch_size", "grid", "selected_blocks", "hidden_width"],
    "clip-text": ["context_length", "tokenizer", "output_width", "pad_id"],
    "sam-encoder": IMAGE_FIELDS,
    "sam-decoder": ["num_masks", "mask_size"],
    "grounder": IMAGE_FIELDS + ["context_length", "tokenizer", "boxes_per_query", "pad_id"],
}


def setUpModule():
    torch.manual_seed(0)
    torch.set_num_threads(1)


class ExportFilesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        keep = os.environ.get("USE_EXPORT_OUT")
        cls.out = keep or tempfile.mkdtemp(prefix="use-export-")
        cls.cleanup = not keep
        clip = fakes.FakeClipModel(image_size=28, patch=7, width=16, depth=3, out=12, length=8).eval()
        export_clip.export_image(clip, "2,3", cls.out, "stand-in CLIPModel")
        export_clip.export_text(clip, fakes.tokenizer_json(), fakes.PAD, fakes.BOS, fakes.EOS, cls.out,
                                "stand-in CLIPModel")
        export_dinov2.export_dinov2(fakes.FakeDinov2(registers=4).eval(), "1,3,4", cls.out, "stand-in Dinov2")
        sam = fakes.FakeSam().eval()
        export_sam.export_encoder(sam, cls.out, "stand-in Sam")
        export_sam.export_decoder(sam, cls.out, "stand-in Sam")
        export_owlv2.export_grounder(fakes.FakeOwl(image_size=32, patch=8, length=8).eval(), fakes.tokenizer_json(),
                                     fakes.PAD, fakes.BOS, fakes.EOS, 3, cls.out, "stand-in Owlv2")
        # what the Java side must get for TEXTS through its own tokenizer + the exported clip-text
        text = torch.jit.load(os.path.join(cls.out, "clip-text.pt"))
        with torch.no_grad():
            emb = text(torch.tensor([fakes.encode(t, 8) for t in TEXTS]))
        write_json(os.path.join(cls.out, "expected-clip-text.json"), {"texts": TEXTS, "embeddings": emb.tolist()})

    @classmethod
    def tearDownClass(cls):
        if cls.cleanup:
            shutil.rmtree(cls.out, ignore_errors=True)

    def sidecar(self, role):
        with open(os.path.join(self.out, role + ".json")) as f:
            return json.load(f)

    def model(self, role):
        return torch.jit.load(os.path.join(self.out, role + ".pt"))

    def test_every_sidecar_has_what_the_java_validator_requires(self):
        for role, fields in REQUIRED.items():
            s = self.sidecar(role)
            self.assertEqual(s["role"], role)
            self.assertEqual(s["format_version"], 1)
            self.assertTrue(s["source_checkpoint"].startswith("stand-in"), role)
            for field in fields:
                self.assertIn(field, s, "%s sidecar lacks %s" % (role, field))
            if "patch_size" in s and "grid" in s:
                self.assertEqual(s["patch_size"] * s["grid"], s["input_size"], role)
            if "tokenizer" in s:
                self.assertTrue(os.path.isfile(os.path.join(self.out, s["tokenizer"])), role)

    def test_clip_image_honours_its_sidecar(self):
        s = self.sidecar("clip-image")
        self.assertEqual((s["input_size"], s["patch_size"], s["grid"], s["num_tokens"]), (28, 7, 4, 17))
        self.assertEqual((s["selected_blocks"], s["hidden_width"], s["output_width"]), ([2, 3], 16, 12))
        hidden, dense = self.model("clip-image")(torch.randn(3, 3, 28, 28))
        self.assertEqual(tuple(hidden.shape), (2, 3, 17, 16))
        self.assertEqual(tuple(dense.shape), (3, 17, 12))

    def test_dinov2_sidecar_counts_tokens_without_registers(self):
        s = self.sidecar("dinov2")
        self.assertEqual((s["grid"], s["num_tokens"], s["register_tokens"], s["checkpoint_register_tokens"]),
                         (4, 17, 0, 4))
        hidden = self.model("dinov2")(torch.randn(2, 3, 28, 28))
        self.assertEqual(tuple(hidden.shape), (3, 2, 17, 12))

    def test_clip_text_pools_and_projects(self):
        s = self.sidecar("clip-text")
        self.assertEqual((s["context_length"], s["pad_id"], s["bos_id"], s["eos_id"], s["output_width"]),
                         (8, fakes.PAD, fakes.BOS, fakes.EOS, 12))
        self.assertEqual(tuple(self.model("clip-text")(torch.zeros(4, 8, dtype=torch.int64)).shape), (4, 12))
        self.assertEqual(json.loads(open(os.path.join(self.out, s["tokenizer"])).read())["model"]["type"],
                         "WordLevel")

    def test_sam_files_honour_the_contract(self):
        enc = self.sidecar("sam-encoder")
        self.assertEqual((enc["input_size"], enc["patch_size"], enc["grid"]), (1024, 16, 64))
        self.assertEqual(enc["normalization"]["scale"], 255)
        embedding = self.model("sam-encoder")(torch.randn(1, 3, 1024, 1024))
        self.assertEqual(tuple(embedding.shape), (1, 256, 64, 64))
        dec = self.sidecar("sam-decoder")
        self.assertEqual((dec["num_masks"], dec["mask_size"], dec["embedding_shape"]), (4, 256, [1, 256, 64, 64]))
        masks, iou = self.model("sam-decoder")(embedding, torch.rand(6, 3, 2) * 1024, torch.ones(6, 3))
        self.assertEqual((tuple(masks.shape), tuple(iou.shape)), ((6, 4, 256, 256), (6, 4)))

    def test_grounder_boxes_per_query(self):
        s = self.sidecar("grounder")
        self.assertEqual((s["input_size"], s["context_length"], s["boxes_per_query"]), (32, 8, 3))
        boxes, scores = self.model("grounder")(torch.randn(1, 3, 32, 32), torch.tensor(
            [fakes.encode(t, 8) for t in TEXTS + ["cat"]]))
        self.assertEqual((tuple(boxes.shape), tuple(scores.shape)), ((4, 3, 4), (4, 3)))

    def test_bad_requests_fail_before_writing(self):
        owl = fakes.FakeOwl(image_size=32, patch=8, length=8).eval()
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(ExportError) as e:
                export_owlv2.export_grounder(owl, "{}", 0, 2, 3, 17, tmp, "x")
            self.assertIn("--boxes-per-query 17 outside 1..16", str(e.exception))
            with self.assertRaises(ExportError) as e:
                export_clip.export_image(fakes.FakeClipModel(), "1,4", tmp, "x")
            self.assertIn("outside 1..3", str(e.exception))
            self.assertEqual(os.listdir(tmp), [])


BLOCKER = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('transformers', 'segment_anything', 'open_clip', 'huggingface_hub'):
            raise ImportError('blocked import: ' + name)
sys.meta_path.insert(0, Block())
sys.path.insert(0, %r)
import wrappers, export_common, export_clip, export_dinov2, export_sam, export_owlv2
for m in (export_clip, export_dinov2, export_sam, export_owlv2):
    try:
        m.main(['--help'])
    except SystemExit as e:
        assert e.code == 0, e.code
print('imported and showed help')
for load in (lambda: export_clip.load_checkpoint('x'), lambda: export_dinov2.load_checkpoint('x'),
             lambda: export_sam.load_checkpoint('vit_b', 'x.pth'), lambda: export_owlv2.load_checkpoint('x')):
    try:
        load()
    except ImportError as e:
        print(e)
"""


class ImportTest(unittest.TestCase):
    def test_hugging_face_and_segment_anything_are_imported_only_when_loading_a_checkpoint(self):
        run = subprocess.run([sys.executable, "-c", BLOCKER % os.path.dirname(HERE)], capture_output=True,
                             text=True, timeout=300)
        self.assertEqual(run.returncode, 0, run.stderr)
        lines = run.stdout.splitlines()
        self.assertIn("imported and showed help", lines)
        self.assertEqual([l for l in lines if l.startswith("blocked")],
                         ["blocked import: transformers", "blocked import: transformers",
                          "blocked import: segment_anything", "blocked import: transformers"])


if __name__ == "__main__":
    unittest.main()
