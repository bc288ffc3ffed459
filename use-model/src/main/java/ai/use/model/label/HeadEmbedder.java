package ai.use.model.label;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.model.head.HeadArtifact;
import ai.use.model.head.UseEmbedder;
import ai.use.model.spec.ModelRole;
import ai.use.model.vit.VitFeatures;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trained USE head as a {@link SegmentEmbedder}: CLIP and DINOv2 features, each pooled on its
 * own patch grid with the masks' patch weights, through {@link UseEmbedder} into CLIP's text space
 * ({@code [M, D]}, L2-normalized). Owns native memory: one per task, closed by it.
 */
public final class HeadEmbedder implements SegmentEmbedder {
  private final UseEmbedder embedder;
  private final String version;

  /** An embedder for a loaded head artifact. */
  public HeadEmbedder(HeadArtifact artifact) {
    this.embedder = UseEmbedder.of(artifact);
    this.version = artifact.version();
  }

  @Override
  public Set<ModelRole> backbones() {
    return Set.of(ModelRole.CLIP_IMAGE, ModelRole.DINOV2);
  }

  @Override
  public float[][] embed(Map<ModelRole, VitFeatures> features, List<BinaryMask> masks) {
    VitFeatures clip = features.get(ModelRole.CLIP_IMAGE);
    VitFeatures dino = features.get(ModelRole.DINOV2);
    Preconditions.checkArgument(
        clip != null && dino != null, "the USE head needs clip-image and dinov2 features");
    List<Rle> rles = new ArrayList<>(masks.size());
    for (BinaryMask m : masks) {
      rles.add(CocoRle.encode(m));
    }
    return embedder.embed(clip, dino, rles);
  }

  @Override
  public String versionId() {
    return version;
  }

  @Override
  public void close() {
    embedder.close();
  }
}
