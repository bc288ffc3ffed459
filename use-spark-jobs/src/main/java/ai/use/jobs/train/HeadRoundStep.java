package ai.use.jobs.train;

import ai.djl.pytorch.jni.JniUtils;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.UseHead;
import ai.use.model.runtime.TorchEngine;
import ai.use.model.train.AdamWState;
import ai.use.model.train.LocalRound;
import ai.use.model.train.RoundResult;
import ai.use.model.train.TrainOptions;
import ai.use.model.train.TrainingExample;
import java.util.List;

/**
 * The USE head's round step: {@link LocalRound} (H AdamW steps of the contrastive loss) with the
 * inner AdamW state carried as bytes, on a fixed number of DJL intra-op threads.
 *
 * <p>DJL's PyTorch engine allows one collecting {@code GradientCollector} per JVM, so training
 * tasks that share an executor JVM run one at a time (a JVM-wide lock); for parallel rounds give
 * each executor one task slot ({@code spark.executor.cores = spark.task.cpus}).
 */
public final class HeadRoundStep implements RoundStep<TrainingExample> {
  private static final long serialVersionUID = 1L;
  private static final Object ONE_GRADIENT_COLLECTOR_PER_JVM = new Object();

  private final HeadConfig head;
  private final int steps;
  private final int batchSize;
  private final float learningRate;
  private final float weightDecay;
  private final int threads;

  public HeadRoundStep(HeadConfig head, TrainConfig config) {
    this.head = head;
    this.steps = config.localSteps();
    this.batchSize = Math.max(2, config.batchSize());
    this.learningRate = (float) config.innerLr();
    this.weightDecay = (float) config.weightDecay();
    this.threads = config.threads();
  }

  @Override
  public LocalResult run(
      float[] weights, byte[] innerState, List<TrainingExample> shard, long seed) {
    TorchEngine.get();
    AdamWState state =
        innerState.length == 0
            ? AdamWState.initial(UseHead.parameterCount(head))
            : AdamWState.fromBytes(innerState);
    RoundResult r;
    synchronized (ONE_GRADIENT_COLLECTOR_PER_JVM) {
      if (JniUtils.getNumThreads() != threads) {
        JniUtils.setNumThreads(threads);
      }
      r =
          LocalRound.run(
              head,
              weights,
              state,
              shard,
              new TrainOptions(seed, steps, batchSize, learningRate, weightDecay));
    }
    return new LocalResult(r.weights(), r.state().toBytes(), r.meanLoss(), r.segments());
  }
}
