package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.geometry.StabilityScore;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of SAM's {@code _process_batch} after the decoder, in plain Java on crop-sized logits:
 * the reference for the filters that the native path runs inside libtorch.
 *
 * <p>In SAM's order, per mask: keep if {@code predicted_iou > pred_iou_thresh} (when that is {@code
 * > 0}); keep if {@code stability_score >= stability_score_thresh} (when that is {@code > 0});
 * threshold the logits at {@code > mask_threshold}; drop masks whose box is near a crop edge that
 * is not an image edge ({@link IsBoxNearCropEdge}); pad the mask into the image ({@link Uncrop}).
 * As in torch, thresholds are compared in float32: {@code iou > (float) thresh}.
 */
public final class BatchFilter {
  private BatchFilter() {}

  /**
   * Filters one decoded batch.
   *
   * @param logits mask logits at crop resolution, {@code [M, cropH, cropW]} flattened, {@code M = P
   *     * K} with {@code K} masks per prompt (prompt-major, as SAM's {@code flatten(0, 1)})
   * @param iouPreds predicted IoU per mask, {@code [M]}
   * @param points prompt points in crop pixels, {@code [P, 2]}; mask {@code m} belongs to point
   *     {@code m / K}
   * @param crop the crop the batch was decoded from ({@code cropH = crop.height()}, {@code cropW =
   *     crop.width()})
   * @param imageHeight image height
   * @param imageWidth image width
   * @param options the thresholds
   * @return the surviving masks in input order, in image coordinates
   */
  public static List<Candidate> apply(
      float[] logits,
      float[] iouPreds,
      double[][] points,
      CropBox crop,
      int imageHeight,
      int imageWidth,
      AmgOptions options) {
    int m = iouPreds.length;
    int pixels = crop.height() * crop.width();
    Preconditions.checkArgument(
        (long) m * pixels == logits.length,
        "logits of length %s do not hold %s masks of %sx%s (HxW) for crop %s",
        logits.length,
        m,
        crop.height(),
        crop.width(),
        crop);
    Preconditions.checkArgument(
        points.length > 0 && m % points.length == 0,
        "%s masks do not split evenly over %s points",
        m,
        points.length);
    int perPoint = m / points.length;
    float iouThresh = (float) options.predIouThresh();
    float stabilityThresh = (float) options.stabilityScoreThresh();
    float maskThresh = (float) options.maskThreshold();
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (options.predIouThresh() > 0 && !(iouPreds[i] > iouThresh)) {
        continue;
      }
      float stability =
          (float)
              StabilityScore.of(
                  logits,
                  i * pixels,
                  pixels,
                  options.maskThreshold(),
                  options.stabilityScoreOffset());
      if (options.stabilityScoreThresh() > 0 && !(stability >= stabilityThresh)) {
        continue;
      }
      BinaryMask inCrop = threshold(logits, i * pixels, crop.height(), crop.width(), maskThresh);
      BoxXyxy boxInCrop = BoxXyxy.ofMaskInclusive(inCrop);
      if (IsBoxNearCropEdge.test(boxInCrop, crop, imageWidth, imageHeight)) {
        continue;
      }
      double[] point = Uncrop.point(points[i / perPoint], crop);
      out.add(
          new Candidate(
              Uncrop.mask(inCrop, crop, imageHeight, imageWidth),
              Uncrop.boxXyxy(boxInCrop, crop),
              iouPreds[i],
              stability,
              point[0],
              point[1],
              crop));
    }
    return out;
  }

  /**
   * Filters one {@link DecodedBatch}; see {@link #apply(float[], float[], double[][], CropBox, int,
   * int, AmgOptions)}.
   */
  public static List<Candidate> apply(
      DecodedBatch batch,
      double[][] points,
      CropBox crop,
      int imageHeight,
      int imageWidth,
      AmgOptions options) {
    Preconditions.checkArgument(
        batch.height() == crop.height() && batch.width() == crop.width(),
        "decoded batch of %sx%s (HxW) does not match crop %s",
        batch.height(),
        batch.width(),
        crop);
    Preconditions.checkArgument(
        batch.iouPreds().length == points.length * batch.masksPerPoint(),
        "decoded batch of %s masks does not hold %s masks for each of %s points",
        batch.iouPreds().length,
        batch.masksPerPoint(),
        points.length);
    return apply(batch.logits(), batch.iouPreds(), points, crop, imageHeight, imageWidth, options);
  }

  /** {@code logits > threshold} for one {@code h × w} mask starting at {@code from}. */
  static BinaryMask threshold(float[] logits, int from, int h, int w, float threshold) {
    boolean[] bits = new boolean[h * w];
    for (int i = 0; i < bits.length; i++) {
      bits[i] = logits[from + i] > threshold;
    }
    return BinaryMask.ofRowMajor(h, w, bits);
  }
}
