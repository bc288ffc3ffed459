package ai.use.model.label;

import ai.use.common.mask.BinaryMask;
import ai.use.model.spec.ModelRole;
import ai.use.model.vit.VitFeatures;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the segments of one image into CLIP's text space, from the frozen backbone features of the
 * image and the segments' masks. Implementations: {@link ClipDenseEmbedder} (raw CLIP dense tokens,
 * DESIGN.md §4's baseline) and {@link HeadEmbedder} (the trained USE head). One instance per task.
 */
public interface SegmentEmbedder extends AutoCloseable {
  /** The image backbones whose features {@link #embed} needs. */
  Set<ModelRole> backbones();

  /**
   * Embeddings of the segments, one per mask, L2-normalized.
   *
   * @param features features of the image per backbone in {@link #backbones()}
   * @param masks the segments' masks over the whole original image
   * @return {@code [masks.size()][D]}
   * @throws ai.use.model.head.MaskWeightException when a mask has no pixel (it has no features)
   */
  float[][] embed(Map<ModelRole, VitFeatures> features, List<BinaryMask> masks);

  /** What the embedder is, for {@code model_version} (e.g. {@code clip-dense} or the head's id). */
  String versionId();

  /** Releases native memory, if any. */
  @Override
  default void close() {}
}
