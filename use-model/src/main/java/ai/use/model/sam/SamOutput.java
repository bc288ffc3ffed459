package ai.use.model.sam;

import ai.use.common.mask.BinaryMask;
import ai.use.model.image.Bilinear;
import ai.use.model.image.Geometry;

/**
 * Decoder outputs for P prompts, copied to Java: low-res logits {@code [P, 4, 256, 256]} and
 * predicted IoU {@code [P, 4]} (mask 0 = single-mask output, 1–3 = multimask), with SAM's
 * post-processing back to the original image: bilinear 256 → 1024, remove the padding, bilinear to
 * the original size, threshold.
 *
 * @param prompts P
 * @param masks masks per prompt (4)
 * @param size low-res side (256)
 * @param logits {@code [P, masks, size, size]}
 * @param iou {@code [P, masks]}
 * @param geometry original size and the content size in the 1024 frame
 */
public record SamOutput(
    int prompts, int masks, int size, float[] logits, float[] iou, Geometry geometry) {

  /** Predicted IoU of mask {@code m} of prompt {@code p}. */
  public float iou(int p, int m) {
    return iou[p * masks + m];
  }

  /** The mask index with the highest predicted IoU (first on ties). */
  public int best(int p) {
    int best = 0;
    for (int m = 1; m < masks; m++) {
      if (iou(p, m) > iou(p, best)) {
        best = m;
      }
    }
    return best;
  }

  /** Logits of mask {@code m} of prompt {@code p} in the original image, {@code [H, W]}. */
  public float[] originalLogits(int p, int m) {
    int frame = geometry.inputSize();
    float[] up =
        Bilinear.resize(
            java.util.Arrays.copyOfRange(
                logits, (p * masks + m) * size * size, (p * masks + m + 1) * size * size),
            1,
            size,
            size,
            frame,
            frame);
    float[] out = new float[geometry.height() * geometry.width()];
    Bilinear.resizeInto(
        up,
        0,
        1,
        frame,
        frame,
        geometry.resizedHeight(),
        geometry.resizedWidth(),
        out,
        geometry.height(),
        geometry.width());
    return out;
  }

  /** The binary mask (logit > {@code threshold}) of mask {@code m} of prompt {@code p}. */
  public BinaryMask mask(int p, int m, float threshold) {
    float[] l = originalLogits(p, m);
    boolean[] bits = new boolean[l.length];
    for (int i = 0; i < l.length; i++) {
      bits[i] = l[i] > threshold;
    }
    return BinaryMask.ofRowMajor(geometry.height(), geometry.width(), bits);
  }
}
