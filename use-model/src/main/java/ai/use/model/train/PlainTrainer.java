package ai.use.model.train;

import ai.djl.ndarray.NDManager;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.UseHead;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * The plain single-process training loop: one worker, weights and AdamW state kept in memory,
 * {@link #step()} after {@link #step()}. With the same seed and data it takes exactly the steps a
 * chain of {@link LocalRound}s takes, so a driver-coordinated run with P = 1, outer lr 1 and no
 * outer momentum must equal it bit for bit.
 */
public final class PlainTrainer implements AutoCloseable {
  private final float[] weights;
  private final AdamWState[] state;
  private final TrainStep step;
  private final int steps;
  private final NDManager root = NDManager.newBaseManager();

  /** Starts from {@code initialWeights} (copied) and a fresh AdamW state. */
  public PlainTrainer(
      HeadConfig config, float[] initialWeights, List<TrainingExample> data, TrainOptions options) {
    int n = UseHead.parameterCount(config);
    Preconditions.checkArgument(
        initialWeights.length == n,
        "head weights: %s values, the head has %s",
        initialWeights.length,
        n);
    this.weights = initialWeights.clone();
    this.state = new AdamWState[] {AdamWState.initial(n)};
    this.step = new TrainStep(config, data, options);
    this.steps = options.steps();
  }

  /** One step; returns its loss. */
  public float step() {
    return step.run(weights, state, root);
  }

  /** Runs {@code options.steps()} steps; returns their mean loss. */
  public double train() {
    double sum = 0;
    for (int i = 0; i < steps; i++) {
      sum += step();
    }
    return steps == 0 ? Double.NaN : sum / steps;
  }

  /** A copy of the current weights. */
  public float[] weights() {
    return weights.clone();
  }

  /** A copy of the current AdamW state. */
  public AdamWState state() {
    return new AdamWState(state[0].step(), state[0].m().clone(), state[0].v().clone());
  }

  @Override
  public void close() {
    root.close();
  }
}
