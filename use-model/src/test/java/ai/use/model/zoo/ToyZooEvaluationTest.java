package ai.use.model.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.mask.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluation's helpers against hand-computed cases. */
class ToyZooEvaluationTest {

  @Test
  void deepestPointOfARectangleIsItsFirstCentralPixel() {
    BinaryMask m = new BinaryMask(7, 9);
    for (int y = 1; y <= 5; y++) {
      for (int x = 1; x <= 7; x++) {
        m.set(y, x, true);
      }
    }
    // 5x7 block: two erosions leave the row y=3, x=3..5; first in row-major order is (3, 3).
    assertThat(InteriorPoint.deepest(m)).containsExactly(3, 3);
  }

  @Test
  void deepestPointOfAThinMaskIsItsFirstPixel() {
    BinaryMask m = new BinaryMask(3, 3);
    m.set(1, 2, true);
    m.set(2, 0, true);
    assertThat(InteriorPoint.deepest(m)).containsExactly(2, 1);
    assertThat(InteriorPoint.deepest(new BinaryMask(2, 2))).isNull();
  }

  @Test
  void spearmanOfMonotoneAndReversedAndTiedRanks() {
    assertThat(
            ToyZooEvaluation.spearman(
                List.of(new double[] {1, 10}, new double[] {2, 20}, new double[] {3, 35})))
        .isCloseTo(1.0, within(1e-12));
    assertThat(
            ToyZooEvaluation.spearman(
                List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1})))
        .isCloseTo(-1.0, within(1e-12));
    // x ranks 0,1,2,3; y ties -> ranks 0.5,0.5,2,3: r = 0.9486832980505138 (scipy.stats.spearmanr)
    assertThat(
            ToyZooEvaluation.spearman(
                List.of(
                    new double[] {1, 5},
                    new double[] {2, 5},
                    new double[] {3, 6},
                    new double[] {4, 7})))
        .isCloseTo(0.9486832980505138, within(1e-12));
  }

  @Test
  void boxIouOfHalfOverlap() {
    assertThat(ToyZooEvaluation.boxIou(new double[] {0, 0, 2, 2}, new double[] {1, 0, 3, 2}))
        .isCloseTo(2.0 / 6.0, within(1e-12));
  }
}
