package ai.use.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metrics of hand-made confusion matrices, computed by hand (mmseg / detectron2 definitions). */
class SegmentationMetricsTest {
  private static ConfusionMatrix matrix(int n, int[] gt, int[] pred) {
    ConfusionMatrix m = new ConfusionMatrix(n);
    m.addAll(gt, pred);
    return m;
  }

  @Test
  void metricsOfAThreeClassMatrixWithMissedPixels() {
    int ig = LabelLayout.IGNORE;
    // The matrix of ConfusionMatrixTest: rows gt {1,1,0,none 1}, {0,4,0,0}, {1,0,1,0}.
    ConfusionMatrix m =
        matrix(3, new int[] {0, 0, 0, 1, 1, 1, 1, 2, 2}, new int[] {0, 1, ig, 1, 1, 1, 1, 2, 0});
    SegmentationMetrics s = SegmentationMetrics.of(m, new ClassList(List.of("a", "b", "c")));

    // IoU: a = 1 / (3 + 2 - 1), b = 4 / (4 + 5 - 4), c = 1 / (2 + 1 - 1)
    assertThat(s.perClass()).extracting(ClassMetrics::iou).containsExactly(0.25, 0.8, 0.5);
    assertThat(s.miou()).isCloseTo((0.25 + 0.8 + 0.5) / 3, within(1e-12));
    assertThat(s.pixelAccuracy()).isCloseTo(6.0 / 9, within(1e-12));
    assertThat(s.meanAccuracy()).isCloseTo((1.0 / 3 + 1 + 0.5) / 3, within(1e-12));
    assertThat(s.frequencyWeightedIou())
        .isCloseTo(3.0 / 9 * 0.25 + 4.0 / 9 * 0.8 + 2.0 / 9 * 0.5, within(1e-12));
    assertThat(s.pixels()).isEqualTo(9);
    assertThat(s.perClass().get(0)).isEqualTo(new ClassMetrics(0, "a", 0.25, 1.0 / 3, 1, 3, 2));
  }

  @Test
  void absentClassesAreLeftOutButFalsePositiveClassesCountAsZero() {
    // class 2 only predicted (IoU 0, counted), class 3 nowhere (NaN, not counted)
    ConfusionMatrix m = matrix(4, new int[] {0, 0, 1, 1}, new int[] {0, 2, 1, 1});
    SegmentationMetrics s = SegmentationMetrics.of(m, new ClassList(List.of("a", "b", "c", "d")));

    assertThat(s.perClass().get(2).iou()).isZero();
    assertThat(s.perClass().get(2).accuracy()).isNaN();
    assertThat(s.perClass().get(3).iou()).isNaN();
    assertThat(s.perClass().get(3).evaluated()).isFalse();
    assertThat(s.classesEvaluated()).isEqualTo(3);
    assertThat(s.miou()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-12));
    assertThat(s.meanAccuracy()).isCloseTo((0.5 + 1) / 2, within(1e-12));
  }

  @Test
  void anEmptyMatrixHasUndefinedMetrics() {
    SegmentationMetrics s =
        SegmentationMetrics.of(new ConfusionMatrix(2), new ClassList(List.of("a", "b")));
    assertThat(s.miou()).isNaN();
    assertThat(s.pixelAccuracy()).isNaN();
    assertThat(s.classesEvaluated()).isZero();
  }

  @Test
  void partMiouGroupsPartsByTheirObject() {
    ClassList parts =
        new ClassList(
            List.of("circle body", "circle top", "square body", "person's arm", "person's leg"));
    // circle body IoU 1, circle top IoU 0 (predicted as body), square body absent, arm 1, leg 1
    ConfusionMatrix m = matrix(5, new int[] {0, 1, 3, 4}, new int[] {0, 0, 3, 4});
    SegmentationMetrics s = SegmentationMetrics.of(m, parts);

    assertThat(s.perClass().get(0).iou()).isCloseTo(0.5, within(1e-12)); // 1 / (1 + 2 - 1)
    assertThat(s.partMiouByObject())
        .containsExactly(
            org.assertj.core.api.Assertions.entry("circle", 0.25),
            org.assertj.core.api.Assertions.entry("person", 1.0));
  }
}
