package ai.use.common.geometry;

import com.google.common.base.Preconditions;
import java.util.List;

/**
 * Greedy non-maximum suppression over boxes, as torchvision's {@code nms} and {@code batched_nms}.
 *
 * <p>The highest-scoring box is kept first; every other box whose IoU ({@link BoxXyxy#iou}) with a
 * kept box is <em>strictly greater</em> than the threshold is suppressed, so an IoU exactly equal
 * to the threshold survives. Kept indices are returned in decreasing-score order.
 *
 * <p><b>Tie rule.</b> Boxes with equal scores are visited in increasing input index (a stable
 * sort), so among equal-scored overlapping boxes the one given first is kept and the result never
 * depends on sort implementation details. torchvision leaves this order unspecified (its CUDA sort
 * is not stable). {@code -0.0} and {@code 0.0} are equal scores; NaN scores are rejected.
 */
public final class BoxNms {
  private BoxNms() {}

  /**
   * torchvision {@code nms(boxes, scores, iou_threshold)}.
   *
   * @param boxes the boxes, {@code [N]}
   * @param scores one score per box, {@code [N]}, none NaN
   * @param iouThreshold in {@code [0, 1]}; a box is suppressed when its IoU with a kept box is
   *     {@code > iouThreshold}
   * @return indices of the kept boxes, by decreasing score (ties: lower index first)
   */
  public static int[] nms(List<BoxXyxy> boxes, double[] scores, double iouThreshold) {
    GreedyNms.checkScores(scores, boxes.size(), "boxes");
    GreedyNms.checkThreshold("iouThreshold", iouThreshold);
    BoxXyxy[] b = boxes.toArray(BoxXyxy[]::new);
    return GreedyNms.run(scores, iouThreshold, (i, j) -> b[i].iou(b[j]));
  }

  /**
   * torchvision {@code batched_nms(boxes, scores, idxs, iou_threshold)}: NMS within each category
   * independently; boxes of different categories never suppress each other. Equivalent to running
   * {@link #nms} per category and merging the kept indices by decreasing score (ties: lower index
   * first). SAM uses it with all-zero categories inside a crop and across crops.
   *
   * @param categories one category per box, {@code [N]}
   * @return indices of the kept boxes, by decreasing score (ties: lower index first)
   */
  public static int[] batchedNms(
      List<BoxXyxy> boxes, double[] scores, int[] categories, double iouThreshold) {
    GreedyNms.checkScores(scores, boxes.size(), "boxes");
    Preconditions.checkArgument(
        categories.length == boxes.size(),
        "categories.length must equal the number of boxes (%s), got %s",
        boxes.size(),
        categories.length);
    GreedyNms.checkThreshold("iouThreshold", iouThreshold);
    BoxXyxy[] b = boxes.toArray(BoxXyxy[]::new);
    return GreedyNms.run(
        scores, iouThreshold, (i, j) -> categories[i] == categories[j] ? b[i].iou(b[j]) : 0);
  }
}
