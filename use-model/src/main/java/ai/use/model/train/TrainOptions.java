package ai.use.model.train;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * The inner optimizer's settings for a run of AdamW steps (β1 0.9, β2 0.999, ε 1e-8, decoupled
 * weight decay on Linear weight matrices only).
 *
 * @param seed data-order seed: which segments form the batch at inner step t and which of their
 *     texts is used is a pure function of (seed, t, shard); keep it fixed across rounds for a shard
 * @param steps H, steps to run
 * @param batchSize segments per step (capped at the shard size)
 * @param learningRate AdamW learning rate
 * @param weightDecay AdamW decoupled weight decay
 */
public record TrainOptions(
    long seed, int steps, int batchSize, float learningRate, float weightDecay)
    implements Serializable {
  public TrainOptions {
    Preconditions.checkArgument(steps >= 0, "steps must be >= 0, got %s", steps);
    Preconditions.checkArgument(batchSize >= 2, "batch size must be >= 2, got %s", batchSize);
    Preconditions.checkArgument(
        learningRate > 0 && Float.isFinite(learningRate),
        "learning rate must be positive, got %s",
        learningRate);
    Preconditions.checkArgument(
        weightDecay >= 0 && Float.isFinite(weightDecay),
        "weight decay must be >= 0, got %s",
        weightDecay);
  }

  /**
   * The data-order seed of one partition of a run: a SplitMix64 mix of the run seed and the
   * partition index. Constant across rounds, as {@link LocalRound} expects.
   */
  public static long partitionSeed(long runSeed, int partition) {
    Preconditions.checkArgument(partition >= 0, "partition must be >= 0, got %s", partition);
    return BatchSampler.mix(runSeed, partition);
  }

  /** The same options with another number of steps. */
  public TrainOptions withSteps(int newSteps) {
    return new TrainOptions(seed, newSteps, batchSize, learningRate, weightDecay);
  }
}
