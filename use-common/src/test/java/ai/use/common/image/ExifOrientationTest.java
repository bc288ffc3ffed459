package ai.use.common.image;

import static ai.use.common.image.TestImages.BLUE;
import static ai.use.common.image.TestImages.GREEN;
import static ai.use.common.image.TestImages.RED;
import static ai.use.common.image.TestImages.WHITE;
import static ai.use.common.image.TestImages.distance;
import static ai.use.common.image.TestImages.rgbAt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExifOrientationTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  /**
   * The fixtures exif-orient-N.jpg (make_fixtures.py) all show the same upright 32x16 picture, red
   * | green / blue | white, once orientation N is applied.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void applyGivesTheUprightPicture(int orientation) {
    DecodedImage d =
        decoder.decode(
            TestImages.resource("exif-orient-" + orientation + ".jpg"),
            "file:/exif-orient-" + orientation + ".jpg",
            ExifPolicy.APPLY);
    assertThat(d.exifOrientation()).isEqualTo(orientation);
    assertThat(d.exifPolicy()).isEqualTo(ExifPolicy.APPLY);
    assertThat(d.orientationApplied()).isEqualTo(orientation != 1);
    assertThat(d.width()).isEqualTo(32);
    assertThat(d.height()).isEqualTo(16);
    assertThat(d.image().getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
    assertCorners(d, RED, GREEN, BLUE, WHITE);
  }

  /**
   * With IGNORE the stored pixels come back: for each orientation the stored size and the colours
   * of the top-left, top-right, bottom-left and bottom-right quadrants, worked out by hand from the
   * EXIF definition of the tag.
   */
  @ParameterizedTest
  @CsvSource({
    "1, 32, 16, RED,   GREEN, BLUE,  WHITE",
    "2, 32, 16, GREEN, RED,   WHITE, BLUE",
    "3, 32, 16, WHITE, BLUE,  GREEN, RED",
    "4, 32, 16, BLUE,  WHITE, RED,   GREEN",
    "5, 16, 32, RED,   BLUE,  GREEN, WHITE",
    "6, 16, 32, GREEN, WHITE, RED,   BLUE",
    "7, 16, 32, WHITE, GREEN, BLUE,  RED",
    "8, 16, 32, BLUE,  RED,   WHITE, GREEN"
  })
  void ignoreKeepsTheStoredPixels(
      int orientation, int width, int height, String tl, String tr, String bl, String br) {
    DecodedImage d =
        decoder.decode(
            TestImages.resource("exif-orient-" + orientation + ".jpg"),
            "file:/exif-orient-" + orientation + ".jpg",
            ExifPolicy.IGNORE);
    assertThat(d.exifOrientation()).isEqualTo(orientation);
    assertThat(d.exifPolicy()).isEqualTo(ExifPolicy.IGNORE);
    assertThat(d.orientationApplied()).isFalse();
    assertThat(d.width()).isEqualTo(width);
    assertThat(d.height()).isEqualTo(height);
    assertCorners(d, colour(tl), colour(tr), colour(bl), colour(br));
  }

  private static int colour(String name) {
    return switch (name) {
      case "RED" -> RED;
      case "GREEN" -> GREEN;
      case "BLUE" -> BLUE;
      default -> WHITE;
    };
  }

  /** Compares the centre of each quadrant, within JPEG error. */
  private static void assertCorners(DecodedImage d, int tl, int tr, int bl, int br) {
    int w = d.width();
    int h = d.height();
    int[][] probes = {
      {w / 4, h / 4, tl}, {3 * w / 4, h / 4, tr}, {w / 4, 3 * h / 4, bl}, {3 * w / 4, 3 * h / 4, br}
    };
    for (int[] p : probes) {
      int got = rgbAt(d, p[0], p[1]);
      assertThat(distance(got, p[2]))
          .as(
              "orientation %d, pixel (%d, %d) is %06x, expected %06x",
              d.exifOrientation(), p[0], p[1], got, p[2])
          .isLessThanOrEqualTo(12);
    }
  }

  /**
   * Exact moves on a 3x2 image whose pixels are labelled a..f:
   *
   * <pre>
   * a b c
   * d e f
   * </pre>
   */
  @ParameterizedTest
  @CsvSource({
    "1, 3, abc/def",
    "2, 3, cba/fed",
    "3, 3, fed/cba",
    "4, 3, def/abc",
    "5, 2, ad/be/cf",
    "6, 2, da/eb/fc",
    "7, 2, fc/eb/da",
    "8, 2, cf/be/ad"
  })
  void applyMovesEveryPixelWhereTheSpecSays(int orientation, int width, String expected) {
    BufferedImage source = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
    byte[] src = ((DataBufferByte) source.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < 6; i++) {
      src[3 * i] = (byte) ('a' + i); // B carries the label, G and R its position
      src[3 * i + 1] = (byte) i;
      src[3 * i + 2] = (byte) (100 + i);
    }
    BufferedImage out = ExifOrientation.apply(source, orientation);
    assertThat(out.getWidth()).isEqualTo(width);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    StringBuilder layout = new StringBuilder();
    for (int y = 0; y < out.getHeight(); y++) {
      layout.append(y == 0 ? "" : "/");
      for (int x = 0; x < out.getWidth(); x++) {
        int i = 3 * (y * width + x);
        char label = (char) dst[i];
        layout.append(label);
        assertThat(dst[i + 1]).isEqualTo((byte) (label - 'a'));
        assertThat(dst[i + 2]).isEqualTo((byte) (100 + label - 'a'));
      }
    }
    assertThat(layout.toString()).isEqualTo(expected);
  }

  @Test
  void imagesWithoutExifReportOrientationOne() {
    byte[] jpeg = TestImages.jpeg(TestImages.quadrants(16, 8, RED, GREEN, BLUE, WHITE), 0.9f);
    DecodedImage d = decoder.decode(jpeg, "mem://plain.jpg", ExifPolicy.APPLY);
    assertThat(d.exifOrientation()).isEqualTo(1);
    assertThat(d.orientationApplied()).isFalse();
  }

  @Test
  void rejectsOrientationsOutsideOneToEight() {
    BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
    assertThatThrownBy(() -> ExifOrientation.apply(image, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1..8, got 9");
  }
}
