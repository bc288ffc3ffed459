package ai.use.model.sam.amg;

import ai.use.model.sam.SamOutput;
import com.google.common.base.Preconditions;

/**
 * One decoded batch of prompts at crop resolution, in the layout {@link BatchFilter} reads: SAM's
 * {@code predict_torch(..., multimask_output, return_logits=True)} flattened to {@code [P * K, H,
 * W]}.
 *
 * @param logits mask logits {@code [P * K, H, W]}, prompt-major
 * @param iouPreds predicted IoU {@code [P * K]}
 * @param masksPerPoint {@code K}: 3 with multimask output, else 1
 * @param height crop height {@code H}
 * @param width crop width {@code W}
 */
public record DecodedBatch(
    float[] logits, float[] iouPreds, int masksPerPoint, int height, int width) {

  /** Checks the sizes agree. */
  public DecodedBatch {
    Preconditions.checkArgument(
        masksPerPoint >= 1 && iouPreds.length % masksPerPoint == 0,
        "%s IoU values do not split into %s masks per point",
        iouPreds.length,
        masksPerPoint);
    Preconditions.checkArgument(
        (long) iouPreds.length * height * width == logits.length,
        "logits of length %s do not hold %s masks of %sx%s (HxW)",
        logits.length,
        iouPreds.length,
        height,
        width);
  }

  /**
   * The decoder's output for one crop upscaled to the crop's size (SAM's two bilinear steps, {@link
   * SamOutput#originalLogits}). With multimask output SAM keeps masks 1–3 of the decoder's four
   * ({@code slice(1, None)}); without it, mask 0.
   *
   * @param out the decoder output of the crop, whose geometry is the crop's size
   * @param multimaskOutput SAM's {@code multimask_output} (the generator passes true)
   */
  public static DecodedBatch of(SamOutput out, boolean multimaskOutput) {
    return of(out, multimaskOutput, 0);
  }

  /**
   * As {@link #of(SamOutput, boolean)}, but masks that {@link BatchFilter} will drop for their
   * predicted IoU ({@code predIouThresh > 0} and not {@code iou > (float) predIouThresh}) are not
   * upscaled: their rows hold NaN. Saves the two bilinear steps for most masks of a dense grid.
   *
   * @param predIouThresh SAM's {@code pred_iou_thresh}; 0 upscales every mask
   */
  public static DecodedBatch of(SamOutput out, boolean multimaskOutput, double predIouThresh) {
    Preconditions.checkArgument(
        out.masks() == 4, "SAM decoder output needs 4 masks per prompt, got %s", out.masks());
    int first = multimaskOutput ? 1 : 0;
    int k = multimaskOutput ? 3 : 1;
    int h = out.geometry().height();
    int w = out.geometry().width();
    int pixels = h * w;
    float[] logits = new float[out.prompts() * k * pixels];
    float[] iou = new float[out.prompts() * k];
    for (int p = 0; p < out.prompts(); p++) {
      for (int j = 0; j < k; j++) {
        int row = p * k + j;
        iou[row] = out.iou(p, first + j);
        if (predIouThresh > 0 && !(iou[row] > (float) predIouThresh)) {
          java.util.Arrays.fill(logits, row * pixels, (row + 1) * pixels, Float.NaN);
        } else {
          System.arraycopy(out.originalLogits(p, first + j), 0, logits, row * pixels, pixels);
        }
      }
    }
    return new DecodedBatch(logits, iou, k, h, w);
  }
}
