package ai.use.jobs.train;

import ai.use.model.head.HeadConfig;
import ai.use.model.head.PooledFeatures;
import ai.use.model.head.UseEmbedder;
import ai.use.model.train.TopOneAccuracy;
import java.util.List;

/**
 * Held-out top-1 on the driver: each held-out segment is classified by the class whose prompt
 * embedding is most similar to the head's segment embedding; correct when that class is the
 * segment's text.
 */
public final class HeldoutEvaluator implements Evaluator {
  private final HeadConfig head;
  private final float clipEps;
  private final float dinoEps;
  private final List<PooledFeatures> segments;
  private final int[] labels;
  private final float[][] classTexts;

  /**
   * @param segments held-out segments' pooled features
   * @param labels each segment's class index into {@code classTexts}
   * @param classTexts the vocabulary's prompt embeddings {@code [classes][D]}
   */
  public HeldoutEvaluator(
      HeadConfig head,
      float clipEps,
      float dinoEps,
      List<PooledFeatures> segments,
      int[] labels,
      float[][] classTexts) {
    this.head = head;
    this.clipEps = clipEps;
    this.dinoEps = dinoEps;
    this.segments = List.copyOf(segments);
    this.labels = labels.clone();
    this.classTexts = classTexts;
  }

  /** Held-out segments. */
  public int size() {
    return segments.size();
  }

  @Override
  public double top1(float[] weights) {
    try (UseEmbedder embedder = UseEmbedder.of(head, weights, clipEps, dinoEps)) {
      return TopOneAccuracy.of(embedder, segments, labels, classTexts);
    }
  }
}
