"""Tests of the Python baseline: its AMG reproduces the committed reference goldens (same count,
per-mask IoU >= 0.99, boxes and crop boxes exact, scores within 1e-4) and its RLE matches
pycocotools' format on hand-computed cases.

    /usr/bin/python3 -m unittest discover -s tools/bench/tests -v
"""
import json
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(BENCH))
GOLDEN = os.path.join(REPO, "use-model/src/test/resources/amg-golden")
MODELS = os.path.join(REPO, "models/toy")
sys.path.insert(0, BENCH)

import numpy as np  # noqa: E402

import coco_rle  # noqa: E402

try:
    import torch  # noqa: F401
    import torchvision  # noqa: F401
    import cv2  # noqa: F401
    HAVE_TORCH = True
    WHY = ""
except ImportError as e:  # pragma: no cover - depends on the machine
    HAVE_TORCH = False
    WHY = (f"{e}: the baseline needs Debian's python3-torch, python3-torchvision and python3-opencv "
           f"under /usr/bin/python3 (bin/install-deps)")


class CocoRleTest(unittest.TestCase):
    # 3 x 4 mask, column-major order is x * 3 + y:
    #   . X X .
    #   . X . .
    #   X X . X
    MASK = np.array([[0, 1, 1, 0],
                     [0, 1, 0, 0],
                     [1, 1, 0, 1]], dtype=bool)
    # column-major bits: col0 0 0 1 | col1 1 1 1 | col2 1 0 0 | col3 0 0 1
    RUNS = [2, 5, 4, 1]

    def test_runs_are_column_major_and_start_with_zeros(self):
        self.assertEqual(coco_rle.runs_of_mask(self.MASK), self.RUNS)
        self.assertEqual(coco_rle.runs_of_mask(~self.MASK), [0, 2, 5, 4, 1])
        self.assertEqual(coco_rle.runs_of_mask(np.zeros((2, 3), bool)), [6])

    @unittest.skipUnless(HAVE_TORCH, WHY)
    def test_torch_runs_equal_numpy_runs(self):
        import torch
        rng = np.random.default_rng(3)
        masks = rng.random((5, 7, 6)) > 0.6
        masks[0] = True
        masks[1] = False
        got = coco_rle.runs_of_masks(torch.from_numpy(masks))
        self.assertEqual(got, [coco_rle.runs_of_mask(m) for m in masks])

    def test_compressed_string_by_hand(self):
        # rleToString deltas runs from the fourth on (i > 2): 2, 5, 4, then 1 - 5 = -4; each fits one
        # 5-bit group -> chr(48 + (v & 0x1f)): '2', '5', '4', and -4 -> 0b11100 = 28 -> chr(76) 'L'
        self.assertEqual(coco_rle.counts_to_string(self.RUNS), "254L")
        # 100 = 0b11_00100: low group 4 with the more bit (36 -> 'T'), then 3 -> '3'
        self.assertEqual(coco_rle.counts_to_string([100]), "T3")
        self.assertEqual(coco_rle.string_to_counts("254L"), self.RUNS)
        self.assertEqual(coco_rle.string_to_counts("T3"), [100])

    def test_round_trip_area_and_bbox(self):
        rng = np.random.default_rng(5)
        for _ in range(20):
            m = rng.random((9, 13)) > 0.7
            runs = coco_rle.runs_of_mask(m)
            self.assertEqual(coco_rle.string_to_counts(coco_rle.counts_to_string(runs)), runs)
            np.testing.assert_array_equal(coco_rle.mask_of_runs(runs, 9, 13), m)
            self.assertEqual(coco_rle.area(runs), int(m.sum()))
        # bbox as rleToBbox: x 0..3, y 0..2 -> [0, 0, 4, 3]
        self.assertEqual(coco_rle.bbox_xywh(self.RUNS, 3, 4), [0, 0, 4, 3])
        one = np.zeros((5, 5), bool)
        one[1:3, 2:4] = True
        self.assertEqual(coco_rle.bbox_xywh(coco_rle.runs_of_mask(one), 5, 5), [2, 1, 2, 2])
        self.assertEqual(coco_rle.bbox_xywh([25], 5, 5), [0, 0, 0, 0])

    def test_bad_runs_fail_clearly(self):
        with self.assertRaisesRegex(ValueError, "sum to 5"):
            coco_rle.mask_of_runs([2, 3], 2, 3)
        with self.assertRaisesRegex(ValueError, "ends inside a number"):
            coco_rle.string_to_counts("T")


@unittest.skipUnless(HAVE_TORCH, WHY)
class ClipDenseTest(unittest.TestCase):
    """Patch weights as ai.use.model.head.PatchWeights defines them, on hand-computed cases."""

    def weights(self, mask, resized, size=4, grid=2):
        import torch
        import clip_dense
        m = torch.from_numpy(np.asarray(mask, dtype=bool))[None]
        return clip_dense.ClipDense(size, grid).weights(m, resized)[0].tolist()

    def test_pixels_on_patches(self):
        # 2x2 image scaled x2 into a 4x4 input with 2x2 patches: pixel (y, x) is patch (y, x)
        self.assertEqual(self.weights([[1, 0], [0, 0]], (4, 4)), [1, 0, 0, 0])
        np.testing.assert_allclose(self.weights([[0, 1], [1, 1]], (4, 4)), [0, 1 / 3, 1 / 3, 1 / 3], rtol=1e-6)

    def test_fractional_overlap(self):
        # 3x3 image into 4x4 (scale 4/3): the centre pixel covers [4/3, 8/3)^2, a quarter in each patch
        for w, want in zip(self.weights([[0, 0, 0], [0, 1, 0], [0, 0, 0]], (4, 4)), [0.25] * 4):
            self.assertAlmostEqual(w, want, places=6)
        # the top-left pixel covers [0, 4/3)^2, inside patch 0 (4/3 < 2)
        self.assertEqual(self.weights([[1, 0, 0], [0, 0, 0], [0, 0, 0]], (4, 4)), [1, 0, 0, 0])

    def test_padding_gets_nothing_and_empty_masks_fail(self):
        # 1x2 image into a 4x4 input: resized 2x4, rows 2..3 are padding
        self.assertEqual(self.weights([[1, 1]], (2, 4)), [0.5, 0.5, 0, 0])
        with self.assertRaisesRegex(ValueError, "no pixel"):
            self.weights([[0, 0]], (2, 4))

    def test_embedding_is_the_normalized_weighted_token_sum(self):
        import torch
        import clip_dense
        dense = torch.tensor([[[9.0, 9.0], [3.0, 0.0], [0.0, 4.0], [5.0, 5.0], [1.0, 1.0]]])  # CLS + 4
        m = torch.tensor([[[True, True], [False, False]]])
        e = clip_dense.ClipDense(4, 2).embed(m, dense, (4, 4))[0]
        # (0.5 * [3, 0] + 0.5 * [0, 4]) = [1.5, 2] -> / 2.5
        self.assertTrue(torch.allclose(e, torch.tensor([0.6, 0.8])))


@unittest.skipUnless(HAVE_TORCH, WHY)
class BaselineScriptTest(unittest.TestCase):
    """baseline_label.py end to end on two golden images and a broken file."""

    def test_outputs_and_errors(self):
        import shutil
        import subprocess
        import tempfile
        images = tempfile.mkdtemp()
        out = tempfile.mkdtemp()
        for name in ("toy_heldout_00019.png", "toy_heldout_00031_crop277x203.png"):
            shutil.copy(os.path.join(GOLDEN, "images", name), images)
        with open(os.path.join(images, "broken.png"), "w") as f:
            f.write("not a png")
        run = subprocess.run([sys.executable, os.path.join(BENCH, "baseline_label.py"), "--images", images,
                              "--out", out, "--threads", "1", "--points-per-side", "6", "--warmup", "0",
                              "--pred-iou-thresh", "0.5", "--stability-score-thresh", "0.8"],
                             capture_output=True, text=True, timeout=600)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("broken.png failed in decode", run.stderr)
        with open(os.path.join(out, "timings.json")) as f:
            t = json.load(f)
        with open(os.path.join(out, "masks.json")) as f:
            masks = json.load(f)
        self.assertEqual(t["threads"], 1)
        self.assertEqual([e["image"] for e in t["errors"]], ["broken.png"])
        self.assertEqual(sorted(masks), ["toy_heldout_00019.png", "toy_heldout_00031_crop277x203.png"])
        for p in t["images"]:
            self.assertEqual(set(p["seconds"]), {"decode", "preprocess", "sam_encoder", "prompt_decoding",
                                                 "amg_postprocessing", "backbones", "embed", "write"})
            self.assertGreater(p["seconds"]["prompt_decoding"], 0)
            self.assertLessEqual(sum(p["seconds"].values()), p["wall_seconds"] + 1e-6)
            records = masks[p["image"]]
            self.assertEqual(len(records), p["masks"])
            self.assertGreater(len(records), 0)
            with open(os.path.join(out, os.path.splitext(p["image"])[0] + ".json")) as f:
                segments = json.load(f)["segments"]
            for r, s in zip(records, segments):
                h, w = r["segmentation"]["size"]
                self.assertEqual((h, w), (p["height"], p["width"]))
                runs = coco_rle.string_to_counts(r["segmentation"]["counts"])
                self.assertEqual(sum(runs), h * w)
                self.assertEqual(coco_rle.area(runs), r["area"])
                self.assertEqual(s["rle"], r["segmentation"])
                self.assertAlmostEqual(float(np.linalg.norm(s["embedding"])), 1.0, places=5)
                self.assertEqual(len(s["embedding"]), 32)


class CompareJavaTest(unittest.TestCase):
    """compare_java.py finds equal masks equal and reports a different one."""

    def setUp(self):
        import tempfile
        self.dir = tempfile.mkdtemp()
        m = np.zeros((6, 5), bool)
        m[1:4, 1:3] = True
        self.runs = coco_rle.runs_of_mask(m)
        rle = coco_rle.coco_rle(self.runs, 6, 5)
        with open(os.path.join(self.dir, "masks.json"), "w") as f:
            json.dump({"a.png": [{"segmentation": rle, "area": 6, "predicted_iou": 0.9,
                                  "stability_score": 0.95}]}, f)
        with open(os.path.join(self.dir, "a.json"), "w") as f:
            json.dump({"segments": [{"bbox": [1, 1, 2, 3], "embedding": [0.6, 0.8]}]}, f)
        self.row = {"image_uri": "file:/x/a.png", "mask": dict(rle), "box": [1.0, 1.0, 2.0, 3.0],
                    "area": 6, "predicted_iou": 0.9, "stability": 0.95, "embedding": [0.6, 0.8]}

    def test_identical(self):
        import compare_java
        r = compare_java.compare([self.row], self.dir, 0.99)
        self.assertEqual((r["masks"], r["identical_rle"], r["problems"]), (1, 1, []))
        self.assertAlmostEqual(r["min_embedding_cosine"], 1.0)

    def test_duplicate_masks_match_one_row_each_and_stability_allows_one_pixel(self):
        import compare_java
        with open(os.path.join(self.dir, "masks.json")) as f:
            masks = json.load(f)
        twin = dict(masks["a.png"][0], predicted_iou=0.8)
        masks["a.png"].append(twin)
        with open(os.path.join(self.dir, "masks.json"), "w") as f:
            json.dump(masks, f)
        with open(os.path.join(self.dir, "a.json")) as f:
            segments = json.load(f)
        segments["segments"].append(segments["segments"][0])
        with open(os.path.join(self.dir, "a.json"), "w") as f:
            json.dump(segments, f)
        # Java lists the twins the other way round; one pixel of 6 at the cut: stability off by 1/6
        rows = [dict(self.row, predicted_iou=0.8, stability=0.95 - 1 / 6), self.row]
        r = compare_java.compare(rows, self.dir, 0.99)
        self.assertEqual((r["identical_rle"], r["problems"]), (2, []))
        self.assertEqual(r["identical_scores"], 1)
        rows[0]["stability"] = 0.95 - 0.2
        self.assertIn("stability by 2.00e-01", compare_java.compare(rows, self.dir, 0.99)["problems"][0])

    def test_different_mask_and_count_are_problems(self):
        import compare_java
        other = np.zeros((6, 5), bool)
        other[1:4, 1:2] = True
        row = dict(self.row, mask=coco_rle.coco_rle(coco_rle.runs_of_mask(other), 6, 5))
        r = compare_java.compare([row], self.dir, 0.99)
        self.assertEqual(r["identical_rle"], 0)
        self.assertAlmostEqual(r["min_iou_of_others"], 0.5)
        self.assertTrue(any("best IoU" in p for p in r["problems"]), r["problems"])
        r = compare_java.compare([self.row, self.row], self.dir, 0.99)
        self.assertIn("a.png: 1 baseline masks, 2 Java masks", r["problems"])


def iou_of_runs(a, b, h, w):
    ma = coco_rle.mask_of_runs(a, h, w)
    mb = coco_rle.mask_of_runs(b, h, w)
    union = (ma | mb).sum()
    return 1.0 if union == 0 else (ma & mb).sum() / union


@unittest.skipUnless(HAVE_TORCH, WHY)
class AmgGoldenTest(unittest.TestCase):
    """The committed goldens of SAM's unmodified reference generator (tools/amg-golden/make_golden.py)."""

    @classmethod
    def setUpClass(cls):
        import torch
        from PIL import Image

        import sam_amg
        import toy_models

        torch.set_num_threads(1)
        with open(os.path.join(GOLDEN, "golden.json")) as f:
            cls.golden = json.load(f)
        cls.sam = toy_models.ToySam(MODELS)
        cls.sam_amg = sam_amg
        cls.images = {}
        for case in cls.golden["cases"]:
            name = case["image"]
            if name not in cls.images:
                with Image.open(os.path.join(GOLDEN, "images", name)) as im:
                    cls.images[name] = np.asarray(im.convert("RGB"))

    def options(self, kw):
        # the reference generator always decodes with multimask output
        return self.sam_amg.AmgOptions.sam_defaults(**kw, multimask_output=True)

    def test_every_golden_case(self):
        from stage_timer import StageTimer

        for case in self.golden["cases"]:
            with self.subTest(image=case["image"], options=case["options"]):
                opts = self.options(self.golden["option_sets"][case["options"]])
                got = self.sam_amg.generate(self.sam, self.images[case["image"]], opts, StageTimer())
                want = case["records"]
                self.assertEqual(len(got), len(want), "mask count")
                for i, (g, e) in enumerate(zip(got, want)):
                    h, w = e["size"]
                    self.assertEqual(g["size"], e["size"])
                    self.assertGreaterEqual(iou_of_runs(g["runs"], e["counts"], h, w), 0.99, f"IoU of mask {i}")
                    self.assertEqual(g["bbox"], e["bbox"], f"bbox of mask {i}")
                    self.assertEqual(g["crop_box"], e["crop_box"], f"crop box of mask {i}")
                    self.assertEqual(g["area"], e["area"], f"area of mask {i}")
                    self.assertAlmostEqual(g["predicted_iou"], e["predicted_iou"], delta=1e-4)
                    self.assertAlmostEqual(g["stability_score"], e["stability_score"], delta=1e-4)
                    np.testing.assert_allclose(g["point_coords"], e["point_coords"], atol=1e-6)

    def test_first_decoder_call_matches_the_reference_fingerprint(self):
        """Same model inputs as the reference: sums of the raw decoder outputs of the first batch."""
        import torch

        case = self.golden["cases"][0]
        opts = self.options(self.golden["option_sets"][case["options"]])
        rgb = self.images[case["image"]]
        h, w = rgb.shape[:2]
        x, (rh, rw) = self.sam.preprocess(rgb)
        with torch.no_grad():
            emb = self.sam.encode(x)
            pts = self.sam_amg.layer_point_grids(opts)[0][:opts.points_per_batch] * np.array([[w, h]])
            coords = torch.from_numpy(pts * np.array([[rw / w, rh / h]])).float()
            logits, iou = self.sam.decode_points(emb, coords)
        call = case["decoder_calls"][0]
        self.assertEqual(logits.shape[0], call["prompts"])
        want = call["logit_abs_sum"]
        self.assertAlmostEqual(float(logits.double().abs().sum()), want, delta=1e-5 * want + 1e-3)
        self.assertAlmostEqual(float(iou.double().sum()), call["iou_sum"], delta=1e-3)


REFERENCE = os.environ.get("SAM_REFERENCE", "/tmp/segment-anything")
HAVE_REFERENCE = HAVE_TORCH and os.path.isdir(os.path.join(REFERENCE, "segment_anything"))


@unittest.skipUnless(HAVE_REFERENCE, f"{WHY or 'no reference checkout'}: the live comparison needs a checkout "
                     f"of facebookresearch/segment-anything at $SAM_REFERENCE (default /tmp/segment-anything)")
class ToyPresetVersusReferenceTest(unittest.TestCase):
    """Our toy preset decodes SAM's single-mask output, which the reference generator lacks (the goldens
    use multimask): run the unmodified reference, wrapped as tools/amg-golden/make_golden.py wraps it,
    with its mask decoder asked for the single mask, and compare records."""

    def reference(self, rgb, kwargs):
        import torch

        sys.path.insert(0, os.path.abspath(REFERENCE))
        sys.path.insert(0, os.path.join(REPO, "tools/amg-golden"))
        import make_golden
        from segment_anything import SamAutomaticMaskGenerator
        from segment_anything.modeling import sam as sam_module
        from segment_anything.utils import transforms as resize_module

        model = make_golden.ToySam(sam_module, self.sam.encoder, self.sam.decoder, make_golden.Fingerprints())
        multimask = model.mask_decoder

        class SingleMask:
            def __call__(self, **kw):
                return multimask(**dict(kw, multimask_output=False))

        model.mask_decoder = SingleMask()
        gen = SamAutomaticMaskGenerator(model, output_mode="uncompressed_rle", **kwargs)
        gen.predictor.transform = make_golden.java_resize_transform(resize_module)(1024)
        with torch.no_grad():
            return gen.generate(rgb)

    def test_toy_preset_and_variants_equal_the_reference(self):
        import torch
        from PIL import Image

        import sam_amg
        import toy_models
        from stage_timer import StageTimer

        torch.set_num_threads(1)
        self.sam = toy_models.ToySam(MODELS)
        # the toy preset's thresholds and single-mask output; 8 points per side instead of 16 keeps
        # the test near a minute (the reference is as slow as we are per prompt)
        toy = dict(points_per_side=8, pred_iou_thresh=0.8, stability_score_thresh=0.9)
        cases = [("toy_heldout_00019.png", toy), ("toy_heldout_00020.png", dict(toy, points_per_batch=7)),
                 ("toy_heldout_00031_crop277x203.png",
                  dict(toy, points_per_side=8, crop_n_layers=1, crop_n_points_downscale_factor=2,
                       min_mask_region_area=300))]
        for name, kwargs in cases:
            with self.subTest(image=name, options=kwargs):
                with Image.open(os.path.join(GOLDEN, "images", name)) as im:
                    rgb = np.asarray(im.convert("RGB"))
                want = self.reference(rgb, kwargs)
                got = sam_amg.generate(self.sam, rgb, sam_amg.AmgOptions(**kwargs), StageTimer())
                self.assertGreater(len(want), 0, "the comparison needs masks")
                self.assertEqual(len(got), len(want), "mask count")
                for i, (g, e) in enumerate(zip(got, want)):
                    h, w = e["segmentation"]["size"]
                    runs = [int(c) for c in e["segmentation"]["counts"]]
                    self.assertGreaterEqual(iou_of_runs(g["runs"], runs, h, w), 0.99, f"IoU of mask {i}")
                    self.assertEqual(g["bbox"], [int(v) for v in e["bbox"]], f"bbox of mask {i}")
                    self.assertEqual(g["crop_box"], [int(v) for v in e["crop_box"]])
                    self.assertAlmostEqual(g["predicted_iou"], e["predicted_iou"], delta=1e-4)
                    self.assertAlmostEqual(g["stability_score"], e["stability_score"], delta=1e-4)


if __name__ == "__main__":
    unittest.main()
