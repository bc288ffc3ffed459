"""Unit tests of usenb (run by the Java suite's NotebooksIT, or: /usr/bin/python3 -m unittest test_usenb)."""
import json
import os
import unittest
from pathlib import Path

import numpy as np

import usenb

GOLDEN = Path(os.environ.get("USE_GOLDEN_DIR", Path(__file__).resolve().parent.parent.parent / "shared" / "golden"))


class RleDecodeTest(unittest.TestCase):
    def test_matches_the_reference_c_implementation_golden_cases(self):
        cases = json.loads((GOLDEN / "coco-rle.json").read_text())["cases"]
        self.assertGreaterEqual(len(cases), 10)
        for c in cases:
            h, w = c["height"], c["width"]
            bits = bin(int(c["mask_hex"], 16))[2:].zfill(len(c["mask_hex"]) * 4)[: h * w] if c["mask_hex"] else ""
            expected = np.array([b == "1" for b in bits], dtype=bool).reshape(h, w)
            got = usenb.rle_decode({"size": [h, w], "counts": c["counts"]})
            self.assertTrue((got == expected).all(), f"case {c['id']}")
            self.assertEqual(int(got.sum()), c["area"], f"case {c['id']}")

    def test_a_truncated_rle_is_an_error_not_a_wrong_mask(self):
        with self.assertRaises(ValueError):
            usenb.rle_decode({"size": [4, 4], "counts": "02"})


class OverlayTest(unittest.TestCase):
    def test_tints_only_the_masked_pixels(self):
        image = np.zeros((2, 2, 3), dtype=np.float32)
        mask = np.array([[True, False], [False, False]])
        out = usenb.overlay(image, [mask])
        self.assertGreater(out[0, 0].sum(), 0)
        self.assertEqual(out[1, 1].sum(), 0)


if __name__ == "__main__":
    unittest.main()
