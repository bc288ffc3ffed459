package ai.use.common.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard semantic-segmentation metrics of a confusion matrix, defined as mmsegmentation's
 * {@code IoUMetric} and detectron2's {@code SemSegEvaluator} define them (both agree):
 *
 * <ul>
 *   <li>per class c: TP = pixels of c predicted c, GT = pixels of c, Pred = pixels predicted c
 *       (ignored ground-truth pixels never count; a pixel predicted "ignore" counts in GT only);
 *   <li>IoU(c) = TP / (GT + Pred − TP), undefined (NaN) when GT + Pred = 0;
 *   <li>mIoU = mean of IoU(c) over the classes where it is defined, i.e. classes present in the
 *       ground truth <em>or</em> the prediction (mmseg's {@code nanmean}, detectron2's {@code
 *       iou_valid}) — a class predicted but absent from the ground truth counts with IoU 0;
 *   <li>Acc(c) = TP / GT, defined when GT &gt; 0; mAcc = their mean;
 *   <li>pixel accuracy (aAcc) = ΣTP / ΣGT;
 *   <li>frequency-weighted IoU = Σ (GT(c) / ΣGT) · IoU(c) over the classes where IoU is defined.
 * </ul>
 *
 * @param miou mean IoU (NaN when no class is present at all)
 * @param meanAccuracy mean per-class accuracy
 * @param pixelAccuracy overall pixel accuracy
 * @param frequencyWeightedIou frequency-weighted IoU
 * @param pixels evaluated pixels (ΣGT)
 * @param classesEvaluated classes whose IoU is defined
 * @param perClass one entry per class, in class-index order
 */
public record SegmentationMetrics(
    double miou,
    double meanAccuracy,
    double pixelAccuracy,
    double frequencyWeightedIou,
    long pixels,
    int classesEvaluated,
    List<ClassMetrics> perClass) {

  public SegmentationMetrics {
    perClass = List.copyOf(perClass);
  }

  /** Computes every metric of {@code m}; {@code classes} names its classes. */
  public static SegmentationMetrics of(ConfusionMatrix m, ClassList classes) {
    if (classes.size() != m.classes()) {
      throw new IllegalArgumentException(
          classes.size() + " class names for a " + m.classes() + "-class matrix");
    }
    int n = m.classes();
    List<ClassMetrics> perClass = new ArrayList<>(n);
    long totalGt = 0;
    long totalTp = 0;
    for (int c = 0; c < n; c++) {
      long tp = m.get(c, c);
      long gt = m.groundTruthPixels(c);
      long pred = m.predictedPixels(c);
      long union = gt + pred - tp;
      double iou = union == 0 ? Double.NaN : (double) tp / union;
      double acc = gt == 0 ? Double.NaN : (double) tp / gt;
      perClass.add(new ClassMetrics(c, classes.name(c), iou, acc, tp, gt, pred));
      totalGt += gt;
      totalTp += tp;
    }
    double iouSum = 0;
    double accSum = 0;
    double fw = 0;
    int iouCount = 0;
    int accCount = 0;
    for (ClassMetrics c : perClass) {
      if (c.evaluated()) {
        iouSum += c.iou();
        iouCount++;
        fw += totalGt == 0 ? 0 : (double) c.groundTruthPixels() / totalGt * c.iou();
      }
      if (!Double.isNaN(c.accuracy())) {
        accSum += c.accuracy();
        accCount++;
      }
    }
    return new SegmentationMetrics(
        iouCount == 0 ? Double.NaN : iouSum / iouCount,
        accCount == 0 ? Double.NaN : accSum / accCount,
        totalGt == 0 ? Double.NaN : (double) totalTp / totalGt,
        totalGt == 0 ? Double.NaN : fw,
        totalGt,
        iouCount,
        perClass);
  }

  /**
   * Part-segmentation summary: the mean IoU of each object's parts, keyed by object name, over the
   * part classes whose IoU is defined. The object of a part class is the text before {@code "'s "}
   * (ADE20K-Part / Pascal-Part naming: {@code "person's arm"}) or else its first word (toy world:
   * {@code "circle top"}). Objects none of whose parts is present are left out.
   */
  public Map<String, Double> partMiouByObject() {
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (ClassMetrics c : perClass) {
      double[] s = sums.computeIfAbsent(objectOf(c.name()), k -> new double[2]);
      if (c.evaluated()) {
        s[0] += c.iou();
        s[1]++;
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach(
        (object, s) -> {
          if (s[1] > 0) {
            out.put(object, s[0] / s[1]);
          }
        });
    return out;
  }

  /** The object a part class name belongs to (see {@link #partMiouByObject()}). */
  static String objectOf(String partName) {
    int apostrophe = partName.indexOf("'s ");
    if (apostrophe > 0) {
      return partName.substring(0, apostrophe);
    }
    int space = partName.indexOf(' ');
    return space > 0 ? partName.substring(0, space) : partName;
  }
}
