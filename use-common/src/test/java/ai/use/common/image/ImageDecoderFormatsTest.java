package ai.use.common.image;

import static ai.use.common.image.TestImages.BLUE;
import static ai.use.common.image.TestImages.GREEN;
import static ai.use.common.image.TestImages.RED;
import static ai.use.common.image.TestImages.WHITE;
import static ai.use.common.image.TestImages.distance;
import static ai.use.common.image.TestImages.rgbAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

class ImageDecoderFormatsTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  private DecodedImage decode(byte[] bytes) {
    return decoder.decode(bytes, "mem://test", ExifPolicy.APPLY);
  }

  /** Checks the centre of each quadrant of a decoded picture against 0xRRGGBB within tolerance. */
  private static void assertQuadrants(
      DecodedImage d, int tolerance, int tl, int tr, int bl, int br) {
    int w = d.width();
    int h = d.height();
    int[][] probes = {
      {w / 4, h / 4, tl}, {3 * w / 4, h / 4, tr}, {w / 4, 3 * h / 4, bl}, {3 * w / 4, 3 * h / 4, br}
    };
    for (int[] p : probes) {
      int got = rgbAt(d, p[0], p[1]);
      assertThat(distance(got, p[2]))
          .as("pixel (%d, %d) is %06x, expected %06x", p[0], p[1], got, p[2])
          .isLessThanOrEqualTo(tolerance);
    }
  }

  private static void assertCompactBgr(DecodedImage d) {
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertThat(d.bgrBytes()).hasSize(d.height() * d.width() * 3);
  }

  @Test
  void rgbJpegDecodesToBgr() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(32, 32, RED, GREEN, BLUE, WHITE), 0.95f);
    DecodedImage d = decode(jpeg);
    assertCompactBgr(d);
    assertThat(d.width()).isEqualTo(32);
    assertThat(d.height()).isEqualTo(32);
    assertThat(d.format()).isEqualTo("JPEG");
    assertThat(d.sourceColor()).isEqualTo(SourceColor.RGB);
    assertThat(d.sourceBitDepth()).isEqualTo(8);
    assertThat(d.sourceHasAlpha()).isFalse();
    assertThat(d.exifOrientation()).isEqualTo(1);
    assertThat(d.orientationApplied()).isFalse();
    assertQuadrants(d, 6, RED, GREEN, BLUE, WHITE);
    // Layout [H, W, 3] BGR: the red top-left pixel is (B, G, R) = (~0, ~0, ~255).
    assertThat(d.bgrBytes()[2] & 0xFF).isGreaterThan(240);
    assertThat(d.bgrBytes()[0] & 0xFF).isLessThan(15);
  }

  @Test
  void rgbPngIsExactAndLaidOutAsHwcBgr() {
    BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0x010203);
    image.setRGB(2, 1, 0xA0B0C0);
    DecodedImage d = decode(TestImages.png(image));
    assertCompactBgr(d);
    assertThat(d.format()).isEqualTo("PNG");
    assertThat(d.sourceColor()).isEqualTo(SourceColor.RGB);
    byte[] bgr = d.bgrBytes();
    assertThat(new int[] {bgr[0], bgr[1], bgr[2]}).containsExactly(3, 2, 1);
    int last = 3 * (1 * 3 + 2);
    assertThat(new int[] {bgr[last] & 0xFF, bgr[last + 1] & 0xFF, bgr[last + 2] & 0xFF})
        .containsExactly(0xC0, 0xB0, 0xA0);
  }

  @Test
  void grayJpegIsReplicatedIntoThreeChannels() {
    BufferedImage gray = new BufferedImage(32, 16, BufferedImage.TYPE_BYTE_GRAY);
    WritableRaster raster = gray.getRaster();
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 32; x++) {
        raster.setSample(x, y, 0, x < 16 ? 40 : 200);
      }
    }
    DecodedImage d = decode(TestImages.jpeg(gray, 0.95f));
    assertCompactBgr(d);
    assertThat(d.sourceColor()).isEqualTo(SourceColor.GRAY);
    assertThat(d.sourceBitDepth()).isEqualTo(8);
    assertThat(distance(rgbAt(d, 8, 8), 0x282828)).isLessThanOrEqualTo(3);
    assertThat(distance(rgbAt(d, 24, 8), 0xC8C8C8)).isLessThanOrEqualTo(3);
  }

  @Test
  void grayPngKeepsTheStoredValuesWithoutGammaConversion() {
    BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
    DecodedImage d = decode(TestImages.png(gray));
    assertThat(d.sourceColor()).isEqualTo(SourceColor.GRAY);
    assertThat(d.sourceBitDepth()).isEqualTo(8);
    assertThat(d.sourceHasAlpha()).isFalse();
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x000000);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0x808080);
    assertThat(rgbAt(d, 2, 0)).isEqualTo(0xFFFFFF);
  }

  @Test
  void sixteenBitGrayPngIsScaledToEightBits() {
    BufferedImage gray = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
    gray.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1000, 0x8080, 0xFFFF});
    DecodedImage d = decode(TestImages.png(gray));
    assertCompactBgr(d);
    assertThat(d.sourceColor()).isEqualTo(SourceColor.GRAY);
    assertThat(d.sourceBitDepth()).isEqualTo(16);
    // round(v * 255 / 65535): 1000 -> 4, 0x8080 -> 128
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x000000);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0x040404);
    assertThat(rgbAt(d, 2, 0)).isEqualTo(0x808080);
    assertThat(rgbAt(d, 3, 0)).isEqualTo(0xFFFFFF);
  }

  @Test
  void sixteenBitRgbPngIsScaledToEightBits() {
    BufferedImage rgb = TestImages.rgb16(2, 1);
    rgb.getRaster().setPixel(0, 0, new int[] {0xFFFF, 0x8080, 0});
    rgb.getRaster().setPixel(1, 0, new int[] {0x0101, 0xFEFE, 0x7F7F});
    DecodedImage d = decode(TestImages.png(rgb));
    assertThat(d.sourceColor()).isEqualTo(SourceColor.RGB);
    assertThat(d.sourceBitDepth()).isEqualTo(16);
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0xFF8000);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0x01FE7F);
  }

  @Test
  void rgbaPngDropsAlphaWithoutCompositing() {
    BufferedImage argb = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x000A141E); // fully transparent, stored colour (10, 20, 30)
    argb.setRGB(1, 0, 0x80FF0000); // half transparent red
    argb.setRGB(2, 0, 0xFF00FF00); // opaque green
    DecodedImage d = decode(TestImages.png(argb));
    assertCompactBgr(d);
    assertThat(d.sourceHasAlpha()).isTrue();
    assertThat(d.sourceColor()).isEqualTo(SourceColor.RGB);
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x0A141E);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0xFF0000);
    assertThat(rgbAt(d, 2, 0)).isEqualTo(0x00FF00);
  }

  @Test
  void grayAlphaPngDropsAlpha() {
    BufferedImage image = TestImages.grayAlpha(2, 1);
    image.getRaster().setPixel(0, 0, new int[] {77, 0});
    image.getRaster().setPixel(1, 0, new int[] {200, 255});
    DecodedImage d = decode(TestImages.png(image));
    assertThat(d.sourceColor()).isEqualTo(SourceColor.GRAY);
    assertThat(d.sourceHasAlpha()).isTrue();
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x4D4D4D);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0xC8C8C8);
  }

  @Test
  void palettedPngLooksUpThePalette() {
    byte[] r = {(byte) 255, 0, 0, 17};
    byte[] g = {0, (byte) 255, 0, 34};
    byte[] b = {0, 0, (byte) 255, 51};
    BufferedImage indexed =
        new BufferedImage(
            4, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, r, g, b));
    indexed.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});
    DecodedImage d = decode(TestImages.png(indexed));
    assertCompactBgr(d);
    assertThat(d.sourceColor()).isEqualTo(SourceColor.INDEXED);
    assertThat(d.sourceHasAlpha()).isFalse();
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x112233);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(BLUE);
    assertThat(rgbAt(d, 2, 0)).isEqualTo(GREEN);
    assertThat(rgbAt(d, 3, 0)).isEqualTo(RED);
  }

  @Test
  void twoBitPalettedPngWithTransparencyKeepsTheStoredColour() {
    byte[] r = {10, (byte) 200, 0, 0};
    byte[] g = {20, (byte) 100, 0, 0};
    byte[] b = {30, (byte) 50, 0, 0};
    byte[] a = {0, (byte) 255, (byte) 255, (byte) 255};
    BufferedImage indexed =
        new BufferedImage(
            2, 1, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, r, g, b, a));
    indexed.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0, 1});
    DecodedImage d = decode(TestImages.png(indexed));
    assertThat(d.sourceColor()).isEqualTo(SourceColor.INDEXED);
    assertThat(d.sourceBitDepth()).isEqualTo(2);
    assertThat(d.sourceHasAlpha()).isTrue();
    assertThat(rgbAt(d, 0, 0)).isEqualTo(0x0A141E);
    assertThat(rgbAt(d, 1, 0)).isEqualTo(0xC86432);
  }

  @Test
  void cmykJpegDecodesThroughTwelveMonkeys() {
    // Fixture from make_fixtures.py (PIL): quadrants cyan | magenta / yellow | white.
    DecodedImage d = decode(TestImages.resource("cmyk.jpg"));
    assertCompactBgr(d);
    assertThat(d.format()).isEqualTo("JPEG");
    assertThat(d.sourceColor()).isEqualTo(SourceColor.CMYK);
    assertThat(d.width()).isEqualTo(32);
    assertThat(d.height()).isEqualTo(16);
    assertCmykQuadrants(d);
  }

  @Test
  void ycckJpegDecodesThroughTwelveMonkeys() {
    int[] cyan = {255, 0, 0, 0};
    int[] magenta = {0, 255, 0, 0};
    int[] yellow = {0, 0, 255, 0};
    int[] white = {0, 0, 0, 0};
    DecodedImage d = decode(TestImages.ycckJpeg(32, 16, cyan, magenta, yellow, white));
    assertCompactBgr(d);
    assertThat(d.sourceColor()).isEqualTo(SourceColor.YCCK);
    assertThat(d.width()).isEqualTo(32);
    assertThat(d.height()).isEqualTo(16);
    assertCmykQuadrants(d);
  }

  /**
   * Cyan | magenta / yellow | white. Without an embedded ICC profile TwelveMonkeys converts with
   * the naive formula R = (255 - C)(255 - K)/255, as PIL does, and says so in a warning; JPEG error
   * stays within a few levels. (With a profile, colours follow the profile: SWOP cyan is about (0,
   * 174, 239).)
   */
  private static void assertCmykQuadrants(DecodedImage d) {
    assertQuadrants(d, 8, 0x00FFFF, 0xFF00FF, 0xFFFF00, WHITE);
    assertThat(d.warnings()).anySatisfy(w -> assertThat(w).contains("ICC"));
  }

  @Test
  void jpegsGoToTheTwelveMonkeysReader() throws Exception {
    javax.imageio.ImageReader reader = ImageReaders.jpeg();
    try {
      assertThat(reader.getClass().getName()).startsWith("com.twelvemonkeys.");
    } finally {
      reader.dispose();
    }
  }

  @Test
  void progressiveJpegDecodes() {
    byte[] jpeg =
        TestImages.jpeg(TestImages.quadrants(32, 32, RED, GREEN, BLUE, WHITE), 0.95f, true);
    assertQuadrants(decode(jpeg), 6, RED, GREEN, BLUE, WHITE);
  }

  @Test
  void extraneousBytesBeforeEoiDoNotFailTheImage() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(32, 32, RED, GREEN, BLUE, WHITE), 0.95f);
    byte[] padded = new byte[jpeg.length + 3];
    System.arraycopy(jpeg, 0, padded, 0, jpeg.length - 2);
    padded[jpeg.length - 2] = 0x11; // three stray bytes between the scan data and EOI
    padded[jpeg.length - 1] = 0x22;
    padded[jpeg.length] = 0x33;
    padded[jpeg.length + 1] = (byte) 0xFF;
    padded[jpeg.length + 2] = (byte) 0xD9;
    DecodedImage d = decode(padded);
    // libjpeg's "extraneous bytes" warning; PIL accepts such files too.
    assertQuadrants(d, 6, RED, GREEN, BLUE, WHITE);
  }

  @Test
  void gifAndBmpDecodeToo() {
    BufferedImage picture = TestImages.quadrants(8, 8, RED, GREEN, BLUE, WHITE);
    DecodedImage bmp = decode(TestImages.write(picture, "bmp"));
    assertThat(bmp.format()).isEqualTo("BMP");
    assertQuadrants(bmp, 0, RED, GREEN, BLUE, WHITE);
    DecodedImage gif = decode(TestImages.write(picture, "gif"));
    assertThat(gif.format()).isEqualTo("GIF");
    assertThat(gif.sourceColor()).isEqualTo(SourceColor.INDEXED);
    assertQuadrants(gif, 0, RED, GREEN, BLUE, WHITE);
  }
}
