package ai.use.model.train;

import ai.use.model.head.PooledFeatures;
import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * One segment of a training shard: its cached features and the frozen CLIP text embeddings of every
 * text it may be paired with (one is sampled per step), each with a stable text id (identical texts
 * must have identical ids: they are masked out as each other's negatives).
 *
 * @param features the segment's pooled normalized features
 * @param texts text embeddings {@code [T][D]} (not necessarily normalized), T ≥ 1
 * @param textIds id of each text {@code [T]}
 */
public record TrainingExample(PooledFeatures features, float[][] texts, long[] textIds)
    implements Serializable {
  public TrainingExample {
    Preconditions.checkNotNull(features, "features");
    Preconditions.checkArgument(
        texts.length > 0 && texts.length == textIds.length,
        "a training example needs at least one text and one id per text, got %s texts and %s ids",
        texts.length,
        textIds.length);
  }
}
