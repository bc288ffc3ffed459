package ai.use.model.head;

import ai.use.common.mask.Rle;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import ai.use.model.vit.VitFeatures;
import com.google.common.base.Preconditions;

/**
 * Per-token LayerNorm normalization (no affine: {@code (x − mean) / sqrt(var + eps)}, biased
 * variance over the C channels, as {@code torch.nn.LayerNorm}) of a backbone's hidden states, and
 * the mask pooling that follows it. The same code makes the cached features (the {@code features}
 * job) and the inference input ({@code UseEmbedder}), so the two agree by construction.
 *
 * <p>{@code eps} must be the backbone's own LayerNorm epsilon: {@value #CLIP_EPS} for CLIP (and the
 * toy zoo, PyTorch's default), {@value #DINOV2_EPS} for DINOv2. The sidecar does not record it, so
 * {@link #forBackbone} picks it from the role.
 */
public final class FeaturePooling {
  /** CLIP ViT LayerNorm epsilon (also PyTorch's default, used by the toy zoo). */
  public static final float CLIP_EPS = 1e-5f;

  /** DINOv2 ViT LayerNorm epsilon. */
  public static final float DINOV2_EPS = 1e-6f;

  private final float eps;

  public FeaturePooling(float eps) {
    Preconditions.checkArgument(
        eps > 0 && eps < 1e-2, "LayerNorm eps must be in (0, 0.01), got %s", eps);
    this.eps = eps;
  }

  /**
   * The pooling for an image backbone: eps {@value #CLIP_EPS} for {@code clip-image} and for toy
   * models (PyTorch's default), {@value #DINOV2_EPS} for a real {@code dinov2}.
   */
  public static FeaturePooling forBackbone(Sidecar sidecar) {
    return new FeaturePooling(epsFor(sidecar));
  }

  /** The LayerNorm epsilon {@link #forBackbone} uses. */
  public static float epsFor(Sidecar sidecar) {
    Preconditions.checkArgument(
        sidecar.role() == ModelRole.CLIP_IMAGE || sidecar.role() == ModelRole.DINOV2,
        "not an image backbone: %s",
        sidecar.role());
    boolean toy = sidecar.toyWorldSpecVersion() > 0;
    return sidecar.role() == ModelRole.DINOV2 && !toy ? DINOV2_EPS : CLIP_EPS;
  }

  public float eps() {
    return eps;
  }

  /** Normalizes every patch token of every selected block, and the last block's CLS token. */
  public NormalizedTokens normalize(VitFeatures f) {
    int k = f.blocks();
    int t = f.tokens();
    int c = f.width();
    int n = f.grid() * f.grid();
    Preconditions.checkArgument(
        t == 1 + n, "features have %s tokens but a %s^2 grid needs 1 + %s", t, f.grid(), n);
    Preconditions.checkArgument(
        f.hidden().length == k * t * c,
        "hidden states have %s values, expected [%s, %s, %s]",
        f.hidden().length,
        k,
        t,
        c);
    float[] patches = new float[k * n * c];
    for (int b = 0; b < k; b++) {
      for (int p = 0; p < n; p++) {
        normalizeToken(f.hidden(), (b * t + 1 + p) * c, c, patches, (b * n + p) * c);
      }
    }
    float[] cls = new float[c];
    normalizeToken(f.hidden(), (k - 1) * t * c, c, cls, 0);
    return new NormalizedTokens(k, c, f.grid(), f.geometry(), patches, cls);
  }

  /**
   * A segment's cached head input: each backbone's normalized tokens pooled with the mask's weights
   * on that backbone's own grid, and both normalized CLS tokens.
   *
   * @throws MaskWeightException when the mask is empty or does not fit the image
   */
  public static PooledFeatures pooled(NormalizedTokens clip, NormalizedTokens dino, Rle mask) {
    return new PooledFeatures(clip.pool(mask), dino.pool(mask), clip.cls(), dino.cls());
  }

  private void normalizeToken(float[] src, int from, int c, float[] dst, int to) {
    double mean = 0;
    for (int i = 0; i < c; i++) {
      mean += src[from + i];
    }
    mean /= c;
    double var = 0;
    for (int i = 0; i < c; i++) {
      double d = src[from + i] - mean;
      var += d * d;
    }
    var /= c;
    double inv = 1.0 / Math.sqrt(var + eps);
    for (int i = 0; i < c; i++) {
      dst[to + i] = (float) ((src[from + i] - mean) * inv);
    }
  }
}
