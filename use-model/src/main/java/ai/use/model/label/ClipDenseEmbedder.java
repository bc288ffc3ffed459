package ai.use.model.label;

import ai.use.common.mask.BinaryMask;
import ai.use.model.head.PatchWeights;
import ai.use.model.spec.ModelRole;
import ai.use.model.vit.VitFeatures;
import com.google.common.base.Preconditions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "raw CLIP" baseline: a segment's embedding is CLIP's dense text-space tokens {@code [N, D]}
 * (MaskCLIP-style, CLS dropped) averaged with the segment's patch weights on CLIP's patch grid,
 * L2-normalized. No trained parameters.
 */
public final class ClipDenseEmbedder implements SegmentEmbedder {
  /** {@link #versionId()} of this embedder. */
  public static final String ID = "clip-dense";

  @Override
  public Set<ModelRole> backbones() {
    return Set.of(ModelRole.CLIP_IMAGE);
  }

  @Override
  public float[][] embed(Map<ModelRole, VitFeatures> features, List<BinaryMask> masks) {
    VitFeatures clip = features.get(ModelRole.CLIP_IMAGE);
    Preconditions.checkArgument(clip != null, "clip-dense needs clip-image features");
    Preconditions.checkArgument(
        clip.denseWidth() > 0, "the clip-image features carry no dense tokens");
    int d = clip.denseWidth();
    int n = clip.grid() * clip.grid();
    float[][] out = new float[masks.size()][];
    for (int s = 0; s < masks.size(); s++) {
      float[] w = PatchWeights.of(masks.get(s), clip.geometry(), clip.grid());
      float[] e = new float[d];
      for (int p = 0; p < n; p++) {
        if (w[p] == 0) {
          continue;
        }
        int base = (1 + p) * d; // token 0 is CLS
        for (int j = 0; j < d; j++) {
          e[j] += w[p] * clip.dense()[base + j];
        }
      }
      out[s] = Vectors.normalized(e, "segment " + s);
    }
    return out;
  }

  @Override
  public String versionId() {
    return ID;
  }
}
