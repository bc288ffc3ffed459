package ai.use.jobs.train;

import java.util.List;

/**
 * The driver's outer step on the averaged round delta, in double precision:
 *
 * <pre>
 *   d   = (1 / P') Σ_p (W'_p − W_r)        p in partition-index order, P' = non-empty shards
 *   m   = μ m + d                           (μ = outer momentum; m starts at 0)
 *   u   = d + μ m (Nesterov) | m            (u = d when μ = 0)
 *   W_{r+1} = float(W_r + η u)               (η = outer lr)
 * </pre>
 *
 * With η = 1 and μ = 0 the step is plain model averaging and is computed as such, W_{r+1} =
 * float(mean_p W'_p), not as W + (mean − W) (which loses the low bits of W' where |W| ≫ |W'|): so
 * one partition with η = 1 and μ = 0 returns W'_0 bit for bit.
 */
public final class OuterStep {
  private final double lr;
  private final double momentum;
  private final boolean nesterov;

  public OuterStep(double lr, double momentum, boolean nesterov) {
    this.lr = lr;
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** The outer step for {@code config}. */
  public static OuterStep of(TrainConfig config) {
    return new OuterStep(config.outerLr(), config.outerMomentum(), config.nesterov());
  }

  /**
   * W_{r+1}; updates {@code momentumBuffer} in place.
   *
   * @param weights W_r {@code [n]}
   * @param local the partitions' local weights in partition-index order, null for an empty shard
   * @param momentumBuffer the outer state m {@code [n]}
   */
  public float[] apply(float[] weights, List<float[]> local, double[] momentumBuffer) {
    int n = weights.length;
    double[] mean = new double[n];
    int contributing = 0;
    for (float[] w : local) {
      if (w == null) {
        continue;
      }
      if (w.length != n) {
        throw new IllegalStateException(
            "a partition returned " + w.length + " weights, expected " + n);
      }
      for (int i = 0; i < n; i++) {
        // the first term is assigned, not added to 0.0, so a -0.0 weight keeps its sign
        mean[i] = contributing == 0 ? w[i] : mean[i] + w[i];
      }
      contributing++;
    }
    if (contributing == 0) {
      throw new IllegalStateException("no partition had examples: nothing to train on");
    }
    float[] next = new float[n];
    boolean averaging = lr == 1.0 && momentum == 0.0;
    for (int i = 0; i < n; i++) {
      double avg = mean[i] / contributing;
      if (averaging) {
        next[i] = (float) avg;
        continue;
      }
      double di = avg - weights[i];
      double u = di;
      if (momentum != 0.0) {
        momentumBuffer[i] = momentum * momentumBuffer[i] + di;
        u = nesterov ? di + momentum * momentumBuffer[i] : momentumBuffer[i];
      }
      next[i] = (float) (weights[i] + lr * u);
    }
    return next;
  }
}
