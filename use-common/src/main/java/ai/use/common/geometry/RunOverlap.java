package ai.use.common.geometry;

/**
 * Areas and intersections of masks given as uncompressed COCO runs (alternating zeros / ones,
 * starting with zeros, as {@link ai.use.common.mask.CocoRle#stringToCounts} returns them), without
 * decoding to pixels.
 */
final class RunOverlap {
  private RunOverlap() {}

  /** Number of set pixels: the sum of the odd-indexed runs. */
  static long area(long[] runs) {
    long area = 0;
    for (int i = 1; i < runs.length; i += 2) {
      area += runs[i];
    }
    return area;
  }

  /** Number of pixels set in both masks (same size). */
  static long intersection(long[] ra, long[] rb) {
    long inter = 0;
    long startA = 0;
    long startB = 0;
    int ia = 0;
    int ib = 0;
    // Walk the set intervals [start, start + run) of both masks in order.
    long[] cur = new long[2];
    while (nextSet(ra, ia, startA, cur)) {
      long a0 = cur[0];
      long a1 = cur[1];
      // Advance b past intervals that end before a starts.
      while (nextSet(rb, ib, startB, cur)) {
        long b0 = cur[0];
        long b1 = cur[1];
        if (b1 <= a0) {
          startB = b1;
          ib += 2;
          continue;
        }
        if (b0 >= a1) {
          break;
        }
        inter += Math.min(a1, b1) - Math.max(a0, b0);
        if (b1 <= a1) {
          startB = b1;
          ib += 2;
        } else {
          break;
        }
      }
      startA = a1;
      ia += 2;
    }
    return inter;
  }

  /**
   * The set interval that follows the zero run at {@code runs[i]} starting at {@code start}, into
   * {@code out} as {@code [from, to)}; false when there is none.
   */
  private static boolean nextSet(long[] runs, int i, long start, long[] out) {
    if (i + 1 >= runs.length) {
      return false;
    }
    out[0] = start + runs[i];
    out[1] = out[0] + runs[i + 1];
    return true;
  }
}
