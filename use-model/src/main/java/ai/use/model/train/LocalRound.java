package ai.use.model.train;

import ai.djl.ndarray.NDManager;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.UseHead;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * One worker's part of a training round (DESIGN.md §6): H AdamW steps on its shard, starting from
 * the driver's weights and this worker's inner state. A pure function of its inputs — same weights,
 * state, shard (same order), options, and the same DJL intra-op thread count ({@code
 * -Dai.djl.pytorch.num_threads}, fixed by the caller, never by the core count) give bit-identical
 * outputs; the inputs are not modified. The batches of inner step t depend only on (seed, t,
 * shard), and t continues from {@code state.step()}, so R rounds of H steps chained through their
 * results equal one run of R·H steps ({@link PlainTrainer}).
 */
public final class LocalRound {
  private LocalRound() {}

  /**
   * Runs {@code options.steps()} steps.
   *
   * @param config the head's shape
   * @param weights the round's starting weights (flat, {@link UseHead#parameterNames} order)
   * @param state this worker's inner AdamW state (its {@code step} is the data-order position)
   * @param shard this worker's examples, in a stable order
   * @param options seed, steps, batch size, learning rate, weight decay
   */
  public static RoundResult run(
      HeadConfig config,
      float[] weights,
      AdamWState state,
      List<TrainingExample> shard,
      TrainOptions options) {
    int n = UseHead.parameterCount(config);
    Preconditions.checkArgument(
        weights.length == n, "head weights: %s values, the head has %s", weights.length, n);
    Preconditions.checkArgument(
        state.m().length == n,
        "inner state of %s values does not fit a head of %s weights",
        state.m().length,
        n);
    float[] w = weights.clone();
    AdamWState[] s = {new AdamWState(state.step(), state.m().clone(), state.v().clone())};
    TrainStep step = new TrainStep(config, shard, options);
    double lossSum = 0;
    try (NDManager root = NDManager.newBaseManager()) {
      for (int i = 0; i < options.steps(); i++) {
        lossSum += step.run(w, s, root);
      }
    }
    int steps = options.steps();
    return new RoundResult(
        w, s[0], steps == 0 ? Double.NaN : lossSum / steps, steps, (long) steps * step.batchSize());
  }
}
