package ai.use.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import ai.use.common.mask.Rle;
import ai.use.model.vit.VitFeatures;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * Inference with a trained head: segment embeddings {@code [M, D]} (L2-normalized, in CLIP's text
 * space) from full backbone features and masks, or from already pooled features. Full features go
 * through exactly the code that made the training cache ({@link FeaturePooling}, {@link
 * PatchWeights}), then through the head in batches of {@value #BATCH} on a sub-manager each. One
 * instance per task (it owns native memory); close it.
 */
public final class UseEmbedder implements AutoCloseable {
  /** Segments per forward pass. */
  public static final int BATCH = 256;

  private final NDManager manager;
  private final UseHead head;
  private final FeaturePooling clipPooling;
  private final FeaturePooling dinoPooling;

  private UseEmbedder(
      HeadConfig config, float[] weights, FeaturePooling clipPooling, FeaturePooling dinoPooling) {
    this.manager = NDManager.newBaseManager();
    try {
      this.head = UseHead.create(config, weights, manager);
    } catch (RuntimeException e) {
      manager.close();
      throw e;
    }
    this.clipPooling = clipPooling;
    this.dinoPooling = dinoPooling;
  }

  /** An embedder for a head's weights, normalizing with the backbones' LayerNorm epsilons. */
  public static UseEmbedder of(HeadConfig config, float[] weights, float clipEps, float dinoEps) {
    return new UseEmbedder(
        config, weights, new FeaturePooling(clipEps), new FeaturePooling(dinoEps));
  }

  /** An embedder for a saved head. */
  public static UseEmbedder of(HeadArtifact artifact) {
    return of(artifact.config(), artifact.weights(), artifact.clipEps(), artifact.dinoEps());
  }

  public HeadConfig config() {
    return head.config();
  }

  /** One image's normalized CLIP tokens (normalize once, pool per mask). */
  public NormalizedTokens normalizeClip(VitFeatures clip) {
    return clipPooling.normalize(clip);
  }

  /** One image's normalized DINOv2 tokens. */
  public NormalizedTokens normalizeDino(VitFeatures dino) {
    return dinoPooling.normalize(dino);
  }

  /**
   * Embeddings of masks of one image, each backbone pooled on its own grid.
   *
   * @throws MaskWeightException for the first mask that is empty or does not fit the image (pool
   *     masks one by one with {@link FeaturePooling#pooled} to turn each into an error row)
   */
  public float[][] embed(VitFeatures clip, VitFeatures dino, List<Rle> masks) {
    NormalizedTokens c = normalizeClip(clip);
    NormalizedTokens d = normalizeDino(dino);
    List<PooledFeatures> pooled = new ArrayList<>(masks.size());
    for (Rle mask : masks) {
      pooled.add(FeaturePooling.pooled(c, d, mask));
    }
    return embed(pooled);
  }

  /** Embeddings {@code [M][D]} of pooled features. */
  public float[][] embed(List<PooledFeatures> segments) {
    int dim = head.config().dims().textWidth();
    float[][] out = new float[segments.size()][];
    for (int start = 0; start < segments.size(); start += BATCH) {
      List<PooledFeatures> batch =
          segments.subList(start, Math.min(segments.size(), start + BATCH));
      try (NDManager m = manager.newSubManager()) {
        NDArray e =
            head.forward(
                    new ParameterStore(m, false),
                    UseHead.inputs(m, head.config().dims(), batch),
                    false)
                .singletonOrThrow();
        float[] flat = e.toFloatArray();
        Preconditions.checkState(flat.length == batch.size() * dim, "head output of wrong size");
        for (int i = 0; i < batch.size(); i++) {
          float[] row = new float[dim];
          System.arraycopy(flat, i * dim, row, 0, dim);
          out[start + i] = row;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
