package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.model.image.Geometry;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PatchWeightsTest {

  private static BinaryMask rect(int h, int w, int y0, int y1, int x0, int x1) {
    BinaryMask m = new BinaryMask(h, w);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m.set(y, x, true);
      }
    }
    return m;
  }

  private static BinaryMask random(int h, int w, Random r, double p) {
    BinaryMask m = new BinaryMask(h, w);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        m.set(y, x, r.nextDouble() < p);
      }
    }
    return m;
  }

  /**
   * Independent reference: every set pixel's input-frame rectangle intersected with every patch.
   */
  private static double[] reference(BinaryMask m, Geometry g, int grid) {
    double patch = (double) g.inputSize() / grid;
    double sx = (double) g.resizedWidth() / g.width();
    double sy = (double) g.resizedHeight() / g.height();
    double[] a = new double[grid * grid];
    double sum = 0;
    for (int y = 0; y < m.height(); y++) {
      for (int x = 0; x < m.width(); x++) {
        if (!m.get(y, x)) {
          continue;
        }
        for (int py = 0; py < grid; py++) {
          for (int px = 0; px < grid; px++) {
            double ox =
                Math.max(
                    0, Math.min((x + 1) * sx, (px + 1) * patch) - Math.max(x * sx, px * patch));
            double oy =
                Math.max(
                    0, Math.min((y + 1) * sy, (py + 1) * patch) - Math.max(y * sy, py * patch));
            a[py * grid + px] += ox * oy;
            sum += ox * oy;
          }
        }
      }
    }
    for (int i = 0; i < a.length; i++) {
      a[i] /= sum;
    }
    return a;
  }

  @Test
  void unscaledMaskGivesEachPatchItsShare() {
    Geometry g = Geometry.stretched(16, 16, 16); // scale 1, patch 4
    float[] w = PatchWeights.of(rect(16, 16, 0, 4, 2, 8), g, 4);
    // 4 rows x 6 columns: 8 pixels in patch (0,0), 16 in (0,1)
    assertThat(w[0]).isCloseTo(8f / 24, within(1e-7f));
    assertThat(w[1]).isCloseTo(16f / 24, within(1e-7f));
    for (int i = 2; i < 16; i++) {
      assertThat(w[i]).as("patch %s", i).isZero();
    }
  }

  @Test
  void paddedImageLeavesThePaddingWithoutWeight() {
    // 10x30 -> longest side 16: content 5x16 (SAM's rounding), padding rows 5..15
    Geometry g = Geometry.longestSide(10, 30, 16);
    assertThat(g.resizedHeight()).isEqualTo(5);
    float[] w = PatchWeights.of(rect(10, 30, 0, 10, 0, 30), g, 4);
    for (int px = 0; px < 4; px++) {
      assertThat(w[px]).isCloseTo(16f / 80, within(1e-6f)); // 4x4 content pixels
      assertThat(w[4 + px]).isCloseTo(4f / 80, within(1e-6f)); // 1 row x 4 columns
      assertThat(w[8 + px]).isZero();
      assertThat(w[12 + px]).isZero();
    }
  }

  @Test
  void matchesPerPixelReferenceForRleAndBinaryMasks() {
    Random r = new Random(3);
    Geometry[] geometries = {
      Geometry.longestSide(37, 53, 224), Geometry.stretched(37, 53, 224),
      Geometry.longestSide(300, 41, 224), Geometry.stretched(500, 333, 448)
    };
    int[] grids = {28, 28, 16, 32};
    for (int i = 0; i < geometries.length; i++) {
      Geometry g = geometries[i];
      BinaryMask m = random(g.height(), g.width(), r, 0.1 + 0.2 * i);
      float[] fromMask = PatchWeights.of(m, g, grids[i]);
      float[] fromRle = PatchWeights.of(CocoRle.encode(m), g, grids[i]);
      double[] ref = reference(m, g, grids[i]);
      double sum = 0;
      for (int p = 0; p < ref.length; p++) {
        assertThat((double) fromMask[p])
            .as("geometry %s patch %s", i, p)
            .isCloseTo(ref[p], within(1e-7));
        sum += fromMask[p];
      }
      assertThat(fromRle).containsExactly(fromMask);
      assertThat(sum).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void emptyMaskIsAClearError() {
    Geometry g = Geometry.longestSide(20, 30, 16);
    assertThatThrownBy(() -> PatchWeights.of(new BinaryMask(20, 30), g, 4))
        .isInstanceOf(MaskWeightException.class)
        .hasMessageContaining("no pixel inside the image");
    Rle empty = CocoRle.encode(new BinaryMask(20, 30));
    assertThatThrownBy(() -> PatchWeights.of(empty, g, 4))
        .isInstanceOf(MaskWeightException.class)
        .hasMessageContaining("area 0");
  }

  @Test
  void maskOfAnotherImageSizeIsAClearError() {
    Geometry g = Geometry.longestSide(20, 30, 16);
    assertThatThrownBy(() -> PatchWeights.of(rect(30, 20, 0, 5, 0, 5), g, 4))
        .isInstanceOf(MaskWeightException.class)
        .hasMessageContaining("mask is 30x20 but the image is 20x30");
  }

  @Test
  void malformedRleIsAClearError() {
    Geometry g = Geometry.longestSide(20, 30, 16);
    Rle shortRuns = new Rle(20, 30, CocoRle.countsToString(new long[] {10, 5}));
    assertThatThrownBy(() -> PatchWeights.of(shortRuns, g, 4))
        .isInstanceOf(MaskWeightException.class)
        .hasMessageContaining("cover 15 pixels but the mask has 600");
    assertThatThrownBy(() -> PatchWeights.of(new Rle(20, 30, "~~"), g, 4))
        .isInstanceOf(MaskWeightException.class)
        .hasMessageContaining("cannot be decoded");
  }
}
