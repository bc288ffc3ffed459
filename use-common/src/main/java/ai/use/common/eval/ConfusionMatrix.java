package ai.use.common.eval;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Pixel counts of (ground-truth class, predicted class) over {@code n} classes: {@code [n, n + 1]},
 * rows = ground truth, columns = prediction, and one extra column {@link #none()} for ground-truth
 * pixels whose prediction is "ignore" (no class; e.g. a pixel no segment covered). Ignored
 * ground-truth pixels are not counted at all. Matrices of disjoint image sets merge by addition
 * ({@link #add(ConfusionMatrix)}), so partitions can be evaluated independently.
 */
public final class ConfusionMatrix implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int n;
  private final long[] counts;

  public ConfusionMatrix(int n) {
    if (n <= 0 || (long) n * (n + 1) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("class count must be in [1, 46340], got " + n);
    }
    this.n = n;
    this.counts = new long[n * (n + 1)];
  }

  /** Number of classes. */
  public int classes() {
    return n;
  }

  /** The column index that counts ground-truth pixels with no predicted class. */
  public int none() {
    return n;
  }

  /**
   * Counts one pixel: {@code gt} and {@code pred} are class indices or {@link LabelLayout#IGNORE};
   * an ignored ground truth is skipped, an ignored prediction goes to {@link #none()}.
   */
  public void add(int gt, int pred) {
    if (gt == LabelLayout.IGNORE) {
      return;
    }
    counts[gt * (n + 1) + (pred == LabelLayout.IGNORE ? n : pred)]++;
  }

  /** Counts every pixel of two equally long class-index arrays. */
  public void addAll(int[] gt, int[] pred) {
    if (gt.length != pred.length) {
      throw new IllegalArgumentException(gt.length + " ground-truth vs " + pred.length + " pixels");
    }
    for (int i = 0; i < gt.length; i++) {
      add(gt[i], pred[i]);
    }
  }

  /** Adds {@code other}'s counts to this matrix (merging two image sets); returns this. */
  public ConfusionMatrix add(ConfusionMatrix other) {
    if (other.n != n) {
      throw new IllegalArgumentException(
          "cannot merge a " + other.n + "-class matrix into a " + n + "-class matrix");
    }
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    return this;
  }

  /** Pixels of ground-truth class {@code gt} predicted as {@code pred} (or {@link #none()}). */
  public long get(int gt, int pred) {
    return counts[gt * (n + 1) + pred];
  }

  /** Pixels whose ground truth is class {@code c} (every prediction, {@link #none()} included). */
  public long groundTruthPixels(int c) {
    long sum = 0;
    for (int p = 0; p <= n; p++) {
      sum += get(c, p);
    }
    return sum;
  }

  /** Evaluated (not ignored) pixels predicted as class {@code c}. */
  public long predictedPixels(int c) {
    long sum = 0;
    for (int g = 0; g < n; g++) {
      sum += get(g, c);
    }
    return sum;
  }

  /** Every evaluated (not ignored) ground-truth pixel. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix m && m.n == n && Arrays.equals(m.counts, counts);
  }

  @Override
  public int hashCode() {
    return 31 * n + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("ConfusionMatrix[" + n + " classes, rows = gt]\n");
    for (int g = 0; g < n; g++) {
      b.append(Arrays.toString(Arrays.copyOfRange(counts, g * (n + 1), (g + 1) * (n + 1))))
          .append('\n');
    }
    return b.toString();
  }
}
