"""Writes the JPEG fixtures that are hard to produce from Java (CMYK, EXIF orientation).

How it was run (Debian 12, Pillow 9.4 from apt; not the pyenv python3 on PATH):
    apt-get update && apt-get install -y python3-pil
    cd use-common/src/test/resources/images && /usr/bin/python3 make_fixtures.py

Files written (all small, committed next to this script):
  cmyk.jpg           32x16 CMYK JPEG (Adobe APP14, Photoshop-style inverted), four 16x8 quadrants:
                     cyan | magenta / yellow | white
  exif-orient-N.jpg  N = 1..8. The upright picture is 32x16 with quadrants red | green / blue | white;
                     each file stores the pixels a camera would store for orientation N (the inverse
                     transform of the upright picture) and the EXIF Orientation tag N, so that applying the
                     tag gives back the upright picture. Quality 95, no chroma subsampling (4:4:4), so
                     the flat 8x8-aligned quadrants decode within a few levels of the exact colours.
"""
from PIL import Image, ImageOps

W, H = 32, 16


def quadrants(mode, tl, tr, bl, br):
    img = Image.new(mode, (W, H))
    for (x0, y0, colour) in ((0, 0, tl), (W // 2, 0, tr), (0, H // 2, bl), (W // 2, H // 2, br)):
        img.paste(colour, (x0, y0, x0 + W // 2, y0 + H // 2))
    return img


def main():
    cmyk = quadrants("CMYK", (255, 0, 0, 0), (0, 255, 0, 0), (0, 0, 255, 0), (0, 0, 0, 0))
    cmyk.save("cmyk.jpg", "JPEG", quality=95)

    upright = quadrants("RGB", (255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 255))
    # Operation that turns the stored pixels into the upright picture, per EXIF orientation
    # (the same table as PIL's ImageOps.exif_transpose); stored = inverse(op)(upright).
    op = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }
    inverse = dict(op)
    inverse[6], inverse[8] = op[8], op[6]
    for n in range(1, 9):
        stored = upright if n == 1 else upright.transpose(inverse[n])
        exif = Image.Exif()
        exif[0x0112] = n
        name = "exif-orient-%d.jpg" % n
        stored.save(name, "JPEG", quality=95, subsampling=0, exif=exif.tobytes())
        # Cross-check against PIL's own reading of the tag.
        back = ImageOps.exif_transpose(Image.open(name)).convert("RGB")
        assert back.size == (W, H), (name, back.size)
        for (x, y, want) in ((8, 4, (255, 0, 0)), (24, 4, (0, 255, 0)), (8, 12, (0, 0, 255)),
                             (24, 12, (255, 255, 255))):
            got = back.getpixel((x, y))
            assert all(abs(g - w) <= 8 for g, w in zip(got, want)), (name, x, y, got)


if __name__ == "__main__":
    main()
