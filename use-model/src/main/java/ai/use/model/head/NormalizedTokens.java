package ai.use.model.head;

import ai.use.common.mask.Rle;
import ai.use.model.image.Geometry;
import com.google.common.base.Preconditions;

/**
 * One image's backbone tokens after per-token LayerNorm normalization (no affine), ready to be
 * pooled for any number of segments: normalize once per image, pool once per mask.
 *
 * @param blocks K selected blocks
 * @param width C
 * @param grid patch grid side (N = grid²)
 * @param geometry how the original image maps into the backbone's input
 * @param patches normalized patch tokens {@code [K, N, C]} (CLS removed)
 * @param cls normalized CLS token of the last selected block {@code [C]}
 */
public record NormalizedTokens(
    int blocks, int width, int grid, Geometry geometry, float[] patches, float[] cls) {
  public NormalizedTokens {
    Preconditions.checkArgument(
        patches.length == blocks * grid * grid * width && cls.length == width,
        "normalized tokens of %s blocks x %s^2 patches x %s: got %s patch values and %s cls values",
        blocks,
        grid,
        width,
        patches.length,
        cls.length);
  }

  /** The pooled normalized features {@code [K * C]} of a mask of the original image. */
  public float[] pool(Rle mask) {
    return pool(PatchWeights.of(mask, geometry, grid));
  }

  /**
   * The normalized patch tokens averaged with {@code weights} ({@code [N]}, summing to 1) per block
   * → {@code [K * C]}, block-major.
   */
  public float[] pool(float[] weights) {
    int n = grid * grid;
    Preconditions.checkArgument(
        weights.length == n, "patch weights: %s values for a %s^2 grid", weights.length, grid);
    double[] acc = new double[blocks * width];
    for (int k = 0; k < blocks; k++) {
      for (int p = 0; p < n; p++) {
        float w = weights[p];
        if (w == 0f) {
          continue;
        }
        int src = (k * n + p) * width;
        int dst = k * width;
        for (int c = 0; c < width; c++) {
          acc[dst + c] += (double) w * patches[src + c];
        }
      }
    }
    float[] out = new float[acc.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) acc[i];
    }
    return out;
  }
}
