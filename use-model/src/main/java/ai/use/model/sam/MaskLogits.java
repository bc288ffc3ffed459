package ai.use.model.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.use.common.geometry.StabilityScore;
import ai.use.common.mask.BinaryMask;
import ai.use.model.image.Geometry;
import ai.use.model.image.NativeBilinear;
import com.google.common.base.Preconditions;

/**
 * SAM's mask post-processing on logits kept in libtorch: upscaling low-res logits {@code [N, 256,
 * 256]} to the original image ({@link #upscale}), stability scores ({@link #stabilityScores}) and
 * thresholding with a copy of only the chosen masks to Java ({@link #binaryMask}).
 *
 * <p>Comparisons run in float32 with a strict {@code >} against {@code (float) threshold}, as torch
 * does when SAM compares a float tensor with a Python float; the counts are exact, and the score is
 * {@code (float) (intersections / (double) unions)} with 0 for an empty union, as {@link
 * StabilityScore} computes it.
 */
public final class MaskLogits {
  private MaskLogits() {}

  /**
   * SAM's {@code postprocess_masks} without the threshold: bilinear to the {@code 1024} frame,
   * remove the padding, bilinear to the original size ({@code align_corners=false}, no antialias;
   * equal to {@link SamOutput#originalLogits} bit for bit).
   *
   * @param lowRes float32 {@code [N, size, size]}
   * @param geometry the original size and the content size in the frame
   * @return float32 {@code [N, H, W]}, attached to {@code lowRes}'s manager
   */
  public static NDArray upscale(NDArray lowRes, Geometry geometry) {
    int frame = geometry.inputSize();
    return NativeBilinear.resizeCropResize(
        lowRes,
        frame,
        frame,
        geometry.resizedHeight(),
        geometry.resizedWidth(),
        geometry.height(),
        geometry.width());
  }

  /**
   * SAM's {@code calculate_stability_score} per mask: {@code count(logits > t + o) / count(logits >
   * t - o)}; only the two counts per mask leave libtorch.
   *
   * @param logits float32 {@code [N, H, W]}
   * @param maskThreshold {@code t} (SAM: 0)
   * @param offset {@code o >= 0} (SAM: 1)
   * @return {@code [N]} scores in {@code [0, 1]}, 0 where no logit is above {@code t - o}
   */
  public static double[] stabilityScores(NDArray logits, double maskThreshold, double offset) {
    checkPlanes(logits);
    Preconditions.checkArgument(
        Double.isFinite(maskThreshold), "mask threshold must be finite, got %s", maskThreshold);
    Preconditions.checkArgument(
        Double.isFinite(offset) && offset >= 0,
        "stability offset must be finite and >= 0, got %s",
        offset);
    long[] intersections;
    long[] unions;
    try (NDManager scratch = logits.getManager().newSubManager()) {
      NDArray high = logits.gt((float) (maskThreshold + offset));
      high.attach(scratch);
      NDArray low = logits.gt((float) (maskThreshold - offset));
      low.attach(scratch);
      intersections = high.sum(new int[] {1, 2}).toLongArray();
      unions = low.sum(new int[] {1, 2}).toLongArray();
    }
    double[] out = new double[intersections.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = unions[i] == 0 ? 0 : (double) intersections[i] / unions[i];
    }
    return out;
  }

  /**
   * The binary mask {@code logits[index] > threshold}: thresholded in libtorch, copied as one byte
   * a pixel.
   *
   * @param logits float32 {@code [N, H, W]}
   * @param index the mask to copy
   * @param maskThreshold the logit cut-off (SAM: 0)
   */
  public static BinaryMask binaryMask(NDArray logits, int index, double maskThreshold) {
    checkPlanes(logits);
    long[] s = logits.getShape().getShape();
    Preconditions.checkElementIndex(index, (int) s[0], "mask index");
    byte[] bytes;
    try (NDManager scratch = logits.getManager().newSubManager()) {
      NDArray row = logits.get(index);
      row.attach(scratch);
      NDArray bits = row.gt((float) maskThreshold);
      bytes = bits.toByteArray();
    }
    boolean[] mask = new boolean[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      mask[i] = bytes[i] != 0;
    }
    return BinaryMask.ofRowMajor((int) s[1], (int) s[2], mask);
  }

  private static void checkPlanes(NDArray logits) {
    Preconditions.checkArgument(
        logits.getShape().dimension() == 3 && logits.getDataType() == DataType.FLOAT32,
        "expected float32 mask logits [N, H, W], got %s %s",
        logits.getDataType(),
        logits.getShape());
  }
}
