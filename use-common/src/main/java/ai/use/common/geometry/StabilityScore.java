package ai.use.common.geometry;

import com.google.common.base.Preconditions;

/**
 * SAM's stability score ({@code calculate_stability_score} in {@code amg.py}): the IoU between the
 * binary masks obtained by thresholding the mask logits at {@code maskThreshold + offset} and at
 * {@code maskThreshold - offset}. Because the first mask is contained in the second (for {@code
 * offset >= 0}), that IoU is simply {@code count(logits > t + o) / count(logits > t - o)}.
 *
 * <p><b>Matching torch.</b> SAM compares a float32 tensor with a Python float, which torch casts to
 * float32; so both cut-offs are computed as {@code (float) (maskThreshold ± offset)} and compared
 * in float with a strict {@code >}. NaN logits count in neither mask, as in torch.
 *
 * <p><b>Empty union.</b> When no logit is above {@code t - o} (so none is above {@code t + o}
 * either), torch computes {@code 0 / 0 = NaN}. This class returns {@code 0.0} instead: SAM only
 * uses the score in the filter {@code stability_score >= stability_score_thresh}, which rejects NaN
 * and 0.0 alike (for any positive threshold), and 0.0 keeps NaN out of tables, sorts and averages.
 */
public final class StabilityScore {
  private StabilityScore() {}

  /**
   * The stability score of one mask.
   *
   * @param logits mask logits, {@code [H * W]} row-major (any order works: only counts matter)
   * @param maskThreshold the logit cut-off {@code t} (SAM: {@code mask_threshold = 0.0})
   * @param offset the offset {@code o >= 0} (SAM: {@code stability_score_offset = 1.0})
   * @return {@code count(logits > t + o) / count(logits > t - o)} in {@code [0, 1]}; 0.0 when the
   *     denominator is 0
   */
  public static double of(float[] logits, double maskThreshold, double offset) {
    return of(logits, 0, logits.length, maskThreshold, offset);
  }

  /**
   * The stability score of the mask stored in {@code logits[from, from + length)}, e.g. one mask of
   * a batch {@code [N, H * W]} with {@code from = n * H * W}; otherwise as {@link #of(float[],
   * double, double)}.
   */
  public static double of(
      float[] logits, int from, int length, double maskThreshold, double offset) {
    Preconditions.checkArgument(
        Double.isFinite(maskThreshold), "maskThreshold must be finite, got %s", maskThreshold);
    Preconditions.checkArgument(
        Double.isFinite(offset) && offset >= 0, "offset must be finite and >= 0, got %s", offset);
    Preconditions.checkArgument(
        from >= 0 && length >= 0 && from <= logits.length - length,
        "range from=%s length=%s is outside logits of length %s",
        from,
        length,
        logits.length);
    float high = (float) (maskThreshold + offset);
    float low = (float) (maskThreshold - offset);
    long intersections = 0;
    long unions = 0;
    for (int i = from, end = from + length; i < end; i++) {
      float v = logits[i];
      if (v > high) {
        intersections++;
      }
      if (v > low) {
        unions++;
      }
    }
    return unions == 0 ? 0.0 : (double) intersections / unions;
  }
}
