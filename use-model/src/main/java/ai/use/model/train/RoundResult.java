package ai.use.model.train;

import java.io.Serializable;

/**
 * What a run of inner steps returns.
 *
 * @param weights the head weights after the steps (flat, {@code UseHead.parameterNames} order)
 * @param state the inner AdamW state after the steps
 * @param meanLoss mean contrastive loss over the steps (NaN for 0 steps)
 * @param steps steps run
 * @param segments segment slots processed (steps × effective batch size)
 */
public record RoundResult(
    float[] weights, AdamWState state, double meanLoss, int steps, long segments)
    implements Serializable {

  /**
   * The change from {@code before}, per weight, computed in double: {@code before[i] + delta[i]}
   * rounds back to {@code weights[i]} exactly unless the two differ by a factor above 2^28 (then
   * the double subtraction itself is rounded) — so a driver that sums such deltas in double and
   * applies them with outer lr 1 and no momentum reproduces a single worker's weights bit for bit.
   */
  public double[] delta(float[] before) {
    double[] d = new double[weights.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (double) weights[i] - (double) before[i];
    }
    return d;
  }
}
