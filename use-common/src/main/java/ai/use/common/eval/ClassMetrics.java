package ai.use.common.eval;

/**
 * Metrics of one class.
 *
 * @param classIndex class index (0-based)
 * @param name class name
 * @param iou TP / (GT + Pred − TP); NaN when the class is in neither ground truth nor prediction
 * @param accuracy TP / GT; NaN when the class is absent from the ground truth
 * @param truePositives pixels of the class predicted as the class
 * @param groundTruthPixels evaluated pixels whose ground truth is the class
 * @param predictedPixels evaluated pixels predicted as the class
 */
public record ClassMetrics(
    int classIndex,
    String name,
    double iou,
    double accuracy,
    long truePositives,
    long groundTruthPixels,
    long predictedPixels) {

  /** Whether the class counts towards mIoU (present in ground truth or prediction). */
  public boolean evaluated() {
    return !Double.isNaN(iou);
  }
}
