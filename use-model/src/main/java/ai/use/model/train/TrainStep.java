package ai.use.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.use.model.head.ContrastiveLoss;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.PooledFeatures;
import ai.use.model.head.StepParameters;
import ai.use.model.head.UseHead;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * One training step on a shard: sample the batch of step t ({@link BatchSampler}), run the head and
 * the contrastive loss forward and backward on a per-step sub-manager, apply AdamW to the flat
 * weights in Java, clamp the logit scale to the loss's bounds. Holds no weights itself.
 */
final class TrainStep {
  private final UseHead head;
  private final List<TrainingExample> shard;
  private final BatchSampler sampler;
  private final TrainOptions options;
  private final boolean[] decay;
  private final int logitScale;
  private final int textWidth;

  TrainStep(HeadConfig config, List<TrainingExample> shard, TrainOptions options) {
    Preconditions.checkArgument(!shard.isEmpty(), "cannot train on an empty shard");
    this.head = UseHead.structure(config);
    this.shard = shard;
    this.options = options;
    this.sampler = new BatchSampler(options.seed(), shard.size(), options.batchSize());
    this.decay = UseHead.decayMask(config);
    this.logitScale = UseHead.logitScaleIndex(config);
    this.textWidth = config.dims().textWidth();
    Preconditions.checkArgument(
        sampler.batchSize() >= 2, "a contrastive batch needs >= 2 segments; the shard has 1");
  }

  int batchSize() {
    return sampler.batchSize();
  }

  /** Runs step {@code state.step()}: updates {@code weights} in place; returns the loss. */
  float run(float[] weights, AdamWState[] state, NDManager root) {
    long t = state[0].step();
    int b = sampler.batchSize();
    List<PooledFeatures> features = new ArrayList<>(b);
    float[] texts = new float[b * textWidth];
    long[] ids = new long[b];
    for (int i = 0; i < b; i++) {
      long q = sampler.position(t, i);
      TrainingExample e = shard.get(sampler.example(q));
      int which = sampler.text(q, e.texts().length);
      float[] text = e.texts()[which];
      Preconditions.checkArgument(
          text.length == textWidth,
          "text embedding of width %s, the head maps to %s",
          text.length,
          textWidth);
      System.arraycopy(text, 0, texts, i * textWidth, textWidth);
      ids[i] = e.textIds()[which];
      features.add(e.features());
    }
    float loss;
    float[] gradients;
    try (NDManager m = root.newSubManager()) {
      StepParameters params = new StepParameters(head, weights, m);
      NDList inputs = UseHead.inputs(m, head.config().dims(), features);
      NDArray textArray = m.create(texts, new Shape(b, textWidth));
      NDArray idArray = m.create(ids);
      try (GradientCollector collector = m.getEngine().newGradientCollector()) {
        // training = false: the head behaves the same in training (no dropout, no batch
        // statistics), and the block must not initialize arrays of its own
        NDArray segments = head.forward(params, inputs, false).singletonOrThrow();
        NDArray value =
            ContrastiveLoss.compute(segments, textArray, idArray, params.get(UseHead.LOGIT_SCALE));
        collector.backward(value);
        loss = value.getFloat();
      }
      gradients = params.gradients();
    }
    if (!Float.isFinite(loss)) {
      throw new IllegalStateException(
          "training diverged: loss " + loss + " at inner step " + t + " (lower the learning rate)");
    }
    state[0] =
        AdamW.step(
            weights, gradients, state[0], options.learningRate(), options.weightDecay(), decay);
    weights[logitScale] =
        Math.max(
            ContrastiveLoss.MIN_LOGIT_SCALE,
            Math.min(ContrastiveLoss.MAX_LOGIT_SCALE, weights[logitScale]));
    return loss;
  }
}
