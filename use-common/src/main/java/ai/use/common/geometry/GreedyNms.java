package ai.use.common.geometry;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The greedy suppression loop shared by {@link BoxNms} and {@link MaskNms}: visit candidates by
 * decreasing score (equal scores: lower input index first), keep each one not yet suppressed and
 * suppress every later candidate whose overlap with it is strictly greater than the threshold.
 */
final class GreedyNms {
  private GreedyNms() {}

  /** Overlap of two candidates, by input index. */
  @FunctionalInterface
  interface Overlap {
    double between(int kept, int candidate);
  }

  /** Kept indices in visiting order; {@code overlap} is only asked for pairs still in play. */
  static int[] run(double[] scores, double threshold, Overlap overlap) {
    Integer[] order = order(scores);
    boolean[] suppressed = new boolean[scores.length];
    int[] kept = new int[scores.length];
    int n = 0;
    for (int a = 0; a < order.length; a++) {
      int i = order[a];
      if (suppressed[i]) {
        continue;
      }
      kept[n++] = i;
      for (int b = a + 1; b < order.length; b++) {
        int j = order[b];
        if (!suppressed[j] && overlap.between(i, j) > threshold) {
          suppressed[j] = true;
        }
      }
    }
    return Arrays.copyOf(kept, n);
  }

  /**
   * Indices by decreasing score; {@link Arrays#sort(Object[])} is stable, so ties keep index order.
   * Adding {@code 0.0} turns {@code -0.0} into {@code 0.0}, which {@link Double#compare} would
   * otherwise order below it.
   */
  static Integer[] order(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < scores.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i] + 0.0).reversed());
    return order;
  }

  static void checkScores(double[] scores, int count, String what) {
    Preconditions.checkArgument(
        scores.length == count,
        "scores.length must equal the number of %s (%s), got %s",
        what,
        count,
        scores.length);
    for (int i = 0; i < scores.length; i++) {
      Preconditions.checkArgument(
          !Double.isNaN(scores[i]), "scores[%s] is NaN; every score must be a number", i);
    }
  }

  static void checkThreshold(String key, double threshold) {
    Preconditions.checkArgument(
        threshold >= 0 && threshold <= 1, "%s must be in [0, 1], got %s", key, threshold);
  }
}
