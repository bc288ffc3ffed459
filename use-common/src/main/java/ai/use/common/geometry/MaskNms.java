package ai.use.common.geometry;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * Greedy non-maximum suppression over masks in COCO RLE, with the same loop, threshold rule and tie
 * rule as {@link BoxNms}: visit by decreasing score (equal scores: lower input index first), keep,
 * and suppress every later mask whose overlap with a kept mask is <em>strictly greater</em> than
 * the threshold. Kept indices come back by decreasing score.
 *
 * <p>Two overlaps are offered:
 *
 * <ul>
 *   <li>{@link #byIou}: mask IoU as {@link CocoRle#iou} (0 when both masks are empty);
 *   <li>{@link #byContainment}: {@code intersection / min(area_a, area_b)}, which is 1 when one
 *       mask lies inside the other whatever their sizes. It is symmetric: a high-scoring part
 *       suppresses a lower-scoring whole that contains it, and the other way round. It is 0 when
 *       either mask is empty, so empty masks never suppress or get suppressed.
 * </ul>
 *
 * <p>All masks must have the same size. Cost is {@code O(N^2)} pairwise overlaps, each linear in
 * the run counts; meant for the few hundred segments of one image.
 */
public final class MaskNms {
  private MaskNms() {}

  /**
   * NMS by mask IoU.
   *
   * @param masks the masks, {@code [N]}, all of one size
   * @param scores one score per mask, {@code [N]}, none NaN
   * @param iouThreshold in {@code [0, 1]}; suppress when IoU with a kept mask is {@code >} it
   * @return indices of the kept masks, by decreasing score (ties: lower index first)
   */
  public static int[] byIou(List<Rle> masks, double[] scores, double iouThreshold) {
    Rle[] m = checked(masks, scores, "iouThreshold", iouThreshold);
    return GreedyNms.run(scores, iouThreshold, (i, j) -> CocoRle.iou(m[i], m[j]));
  }

  /**
   * NMS by containment, {@code intersection / area of the smaller mask}.
   *
   * @param masks the masks, {@code [N]}, all of one size
   * @param scores one score per mask, {@code [N]}, none NaN
   * @param containmentThreshold in {@code [0, 1]}; suppress when the containment with a kept mask
   *     is {@code >} it
   * @return indices of the kept masks, by decreasing score (ties: lower index first)
   */
  public static int[] byContainment(List<Rle> masks, double[] scores, double containmentThreshold) {
    Rle[] m = checked(masks, scores, "containmentThreshold", containmentThreshold);
    long[][] runs = new long[m.length][];
    long[] areas = new long[m.length];
    for (int i = 0; i < m.length; i++) {
      runs[i] = CocoRle.stringToCounts(m[i].counts());
      areas[i] = RunOverlap.area(runs[i]);
    }
    return GreedyNms.run(
        scores, containmentThreshold, (i, j) -> containment(runs[i], areas[i], runs[j], areas[j]));
  }

  /**
   * {@code intersection / min(area_a, area_b)} of two masks of the same size; 0 when either is
   * empty.
   */
  public static double containment(Rle a, Rle b) {
    checkSameSize(a, b);
    long[] ra = CocoRle.stringToCounts(a.counts());
    long[] rb = CocoRle.stringToCounts(b.counts());
    return containment(ra, RunOverlap.area(ra), rb, RunOverlap.area(rb));
  }

  private static double containment(long[] ra, long areaA, long[] rb, long areaB) {
    long smaller = Math.min(areaA, areaB);
    return smaller == 0 ? 0 : (double) RunOverlap.intersection(ra, rb) / smaller;
  }

  private static Rle[] checked(List<Rle> masks, double[] scores, String key, double threshold) {
    GreedyNms.checkScores(scores, masks.size(), "masks");
    GreedyNms.checkThreshold(key, threshold);
    Rle[] m = masks.toArray(Rle[]::new);
    for (int i = 1; i < m.length; i++) {
      checkSameSize(m[0], m[i]);
    }
    return m;
  }

  private static void checkSameSize(Rle a, Rle b) {
    Preconditions.checkArgument(
        a.height() == b.height() && a.width() == b.width(),
        "masks must all have one size: %sx%s vs %sx%s",
        a.height(),
        a.width(),
        b.height(),
        b.width());
  }
}
