package ai.use.model.sam.amg;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SAM's {@code batch_iterator}: consecutive slices of at most {@code batchSize} items; the last one
 * may be shorter, and there are {@code ceil(n / batchSize)} of them (none for no items).
 */
public final class BatchIterator {
  private BatchIterator() {}

  /**
   * A half-open index range {@code [start, end)}.
   *
   * @param start first index
   * @param end one past the last index
   */
  public record Range(int start, int end) {
    /** Number of items in the range. */
    public int size() {
      return end - start;
    }
  }

  /** The ranges of {@code n} items in batches of {@code batchSize}. */
  public static List<Range> ranges(int n, int batchSize) {
    Preconditions.checkArgument(n >= 0, "item count must be >= 0, got %s", n);
    Preconditions.checkArgument(batchSize >= 1, "points_per_batch must be >= 1, got %s", batchSize);
    List<Range> out = new ArrayList<>((n + batchSize - 1) / batchSize);
    for (int start = 0; start < n; start += batchSize) {
      out.add(new Range(start, Math.min(n, start + batchSize)));
    }
    return out;
  }

  /** The points {@code [N, 2]} in batches of {@code batchSize} (rows are shared, not copied). */
  public static List<double[][]> batches(double[][] points, int batchSize) {
    List<double[][]> out = new ArrayList<>();
    for (Range r : ranges(points.length, batchSize)) {
      out.add(Arrays.copyOfRange(points, r.start(), r.end()));
    }
    return out;
  }
}
