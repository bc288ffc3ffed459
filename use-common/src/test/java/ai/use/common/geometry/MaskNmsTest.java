package ai.use.common.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskNmsTest {

  // 4x4 masks. Areas: m0 4, m1 6, m2 4, m3 4.
  //   m0-m1: inter 4, union 6 -> IoU 0.667; containment 4/4 = 1 (m0 inside m1)
  //   m3-m0: inter 2, union 6 -> IoU 0.333; containment 2/4 = 0.5
  //   m3-m1: inter 2, union 8 -> IoU 0.25;  containment 2/4 = 0.5
  //   m2 is disjoint from all.
  // Visiting order by score: m3 .95, m0 .9, m1 .8, m2 .7
  private static final Rle M0 = Masks.rle("##..", "##..", "....", "....");
  private static final Rle M1 = Masks.rle("###.", "###.", "....", "....");
  private static final Rle M2 = Masks.rle("....", "....", "..##", "..##");
  private static final Rle M3 = Masks.rle("#...", "#...", "#...", "#...");
  private static final List<Rle> MASKS = List.of(M0, M1, M2, M3);
  private static final double[] SCORES = {0.9, 0.8, 0.7, 0.95};

  @Test
  void handComputedOverlaps() {
    assertThat(CocoRle.iou(M0, M1)).isEqualTo(4.0 / 6);
    assertThat(CocoRle.iou(M3, M0)).isEqualTo(2.0 / 6);
    assertThat(CocoRle.iou(M3, M1)).isEqualTo(2.0 / 8);
    assertThat(MaskNms.containment(M0, M1)).isEqualTo(1.0);
    assertThat(MaskNms.containment(M1, M0)).isEqualTo(1.0);
    assertThat(MaskNms.containment(M3, M0)).isEqualTo(0.5);
    assertThat(MaskNms.containment(M3, M1)).isEqualTo(0.5);
    assertThat(MaskNms.containment(M2, M1)).isZero();
  }

  @ParameterizedTest(name = "IoU threshold {0} keeps {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        // m3 kept; m0 suppressed by m3 (0.333 > 0.3); m1 survives m3 (0.25) and m0 is gone; m2 kept
        "0.3; 3,1,2",
        // m3 kept; m0 (0.333) kept; m1 suppressed by m0 (0.667); m2 kept
        "0.5; 3,0,2",
        // nothing above 0.7
        "0.7; 3,0,1,2",
        // 0: any overlap suppresses
        "0.0; 3,2",
      })
  void byIou(double threshold, String expected) {
    assertThat(MaskNms.byIou(MASKS, SCORES, threshold)).containsExactly(BoxNmsTest.ints(expected));
  }

  @ParameterizedTest(name = "containment threshold {0} keeps {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        // m3 kept; m0 and m1 (0.5 > 0.4) suppressed; m2 kept
        "0.4; 3,2",
        // m3 kept; m0 at exactly 0.5 survives; m1 survives m3 (0.5) but m0 contains-suppresses it
        "0.5; 3,0,2",
        // m1 is still suppressed: m0 lies entirely inside it (containment 1 > 0.9) ...
        "0.9; 3,0,2",
        // ... but not at 1.0
        "1.0; 3,0,1,2",
      })
  void byContainment(double threshold, String expected) {
    assertThat(MaskNms.byContainment(MASKS, SCORES, threshold))
        .containsExactly(BoxNmsTest.ints(expected));
  }

  @Test
  void maskIouExactlyAtTheThresholdIsNotSuppressed() {
    Rle half = Masks.rle("####", "####", "....", "....");
    // M0 (area 4) inside half (area 8): IoU 4 / 8
    assertThat(CocoRle.iou(M0, half)).isEqualTo(0.5);
    assertThat(MaskNms.byIou(List.of(M0, half), new double[] {0.9, 0.8}, 0.5))
        .containsExactly(0, 1);
    assertThat(MaskNms.byIou(List.of(M0, half), new double[] {0.9, 0.8}, 0.49)).containsExactly(0);
  }

  @Test
  void equalScoresKeepTheLowerIndex() {
    assertThat(MaskNms.byIou(List.of(M1, M0), new double[] {0.5, 0.5}, 0.5)).containsExactly(0);
    assertThat(MaskNms.byIou(List.of(M0, M1), new double[] {0.5, 0.5}, 0.5)).containsExactly(0);
    assertThat(MaskNms.byContainment(List.of(M2, M2, M2), new double[] {0.1, 0.1, 0.1}, 0.5))
        .containsExactly(0);
  }

  @Test
  void emptyMasksNeverSuppress() {
    Rle empty = CocoRle.encode(new BinaryMask(4, 4));
    List<Rle> masks = List.of(empty, empty, M0);
    double[] scores = {0.9, 0.8, 0.7};
    assertThat(MaskNms.byIou(masks, scores, 0.0)).containsExactly(0, 1, 2);
    assertThat(MaskNms.byContainment(masks, scores, 0.0)).containsExactly(0, 1, 2);
    assertThat(MaskNms.byIou(List.of(), new double[0], 0.5)).isEmpty();
  }

  @Test
  void containmentFromRunsEqualsDecodedPixelCount() {
    Random random = new Random(11);
    for (int n = 0; n < 300; n++) {
      int h = 1 + random.nextInt(8);
      int w = 1 + random.nextInt(8);
      BinaryMask a = randomMask(random, h, w);
      BinaryMask b = randomMask(random, h, w);
      long smaller = Math.min(a.area(), b.area());
      double expected = smaller == 0 ? 0 : (double) a.intersectionArea(b) / smaller;
      assertThat(MaskNms.containment(CocoRle.encode(a), CocoRle.encode(b)))
          .as("%s vs %s", a, b)
          .isEqualTo(expected);
    }
  }

  @Test
  void rejectsMasksOfDifferentSizes() {
    Rle small = CocoRle.encode(new BinaryMask(2, 3));
    assertThatThrownBy(() -> MaskNms.byIou(List.of(M0, small), new double[] {1, 1}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("masks must all have one size: 4x4 vs 2x3");
    assertThatThrownBy(() -> MaskNms.byContainment(List.of(M0), new double[] {1, 1}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scores.length must equal the number of masks (1), got 2");
    assertThatThrownBy(() -> MaskNms.byContainment(List.of(M0), new double[] {1}, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("containmentThreshold must be in [0, 1], got -0.1");
  }

  private static BinaryMask randomMask(Random random, int h, int w) {
    double density = random.nextDouble();
    BinaryMask mask = new BinaryMask(h, w);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        mask.set(y, x, random.nextDouble() < density);
      }
    }
    return mask;
  }
}
