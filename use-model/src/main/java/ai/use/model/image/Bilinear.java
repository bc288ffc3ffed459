package ai.use.model.image;

/**
 * Bilinear resampling of float planes with PyTorch's {@code F.interpolate(mode="bilinear",
 * align_corners=False)} semantics (half-pixel centres, source index clamped at 0, no antialias):
 * the convention SAM's mask post-processing and the toy zoo's preprocessing use.
 */
public final class Bilinear {
  private Bilinear() {}

  /**
   * Resizes {@code channels} planes of {@code inH × inW} (row-major, plane after plane) to {@code
   * outH × outW}.
   */
  public static float[] resize(float[] src, int channels, int inH, int inW, int outH, int outW) {
    float[] dst = new float[channels * outH * outW];
    resizeInto(src, 0, channels, inH, inW, inH, inW, dst, outH, outW);
    return dst;
  }

  /**
   * Resizes the top-left {@code cropH × cropW} window of planes of {@code inH × inW} (starting at
   * {@code offset}) into {@code dst} of {@code outH × outW}: SAM's "remove padding, then resize".
   */
  public static void resizeInto(
      float[] src,
      int offset,
      int channels,
      int inH,
      int inW,
      int cropH,
      int cropW,
      float[] dst,
      int outH,
      int outW) {
    int[] y0 = new int[outH];
    int[] y1 = new int[outH];
    float[] ly = new float[outH];
    taps(cropH, outH, y0, y1, ly);
    int[] x0 = new int[outW];
    int[] x1 = new int[outW];
    float[] lx = new float[outW];
    taps(cropW, outW, x0, x1, lx);
    int inPlane = inH * inW;
    int outPlane = outH * outW;
    for (int c = 0; c < channels; c++) {
      int base = offset + c * inPlane;
      int outBase = c * outPlane;
      for (int y = 0; y < outH; y++) {
        int r0 = base + y0[y] * inW;
        int r1 = base + y1[y] * inW;
        float wy1 = ly[y];
        float wy0 = 1f - wy1;
        int o = outBase + y * outW;
        for (int x = 0; x < outW; x++) {
          float wx1 = lx[x];
          float wx0 = 1f - wx1;
          dst[o + x] =
              wy0 * (wx0 * src[r0 + x0[x]] + wx1 * src[r0 + x1[x]])
                  + wy1 * (wx0 * src[r1 + x0[x]] + wx1 * src[r1 + x1[x]]);
        }
      }
    }
  }

  /** Source indices and weights per output index, as PyTorch computes them. */
  static void taps(int in, int out, int[] i0, int[] i1, float[] lambda) {
    float scale = (float) in / out;
    for (int d = 0; d < out; d++) {
      float src = scale * (d + 0.5f) - 0.5f;
      if (src < 0) {
        src = 0;
      }
      int lo = (int) src;
      if (lo > in - 1) {
        lo = in - 1;
      }
      i0[d] = lo;
      i1[d] = lo < in - 1 ? lo + 1 : lo;
      lambda[d] = src - lo;
    }
  }
}
