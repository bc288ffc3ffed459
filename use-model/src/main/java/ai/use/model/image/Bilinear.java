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
    float[] wy0s = new float[outH];
    float[] wy1s = new float[outH];
    taps(cropH, outH, y0, y1, wy0s, wy1s);
    int[] x0 = new int[outW];
    int[] x1 = new int[outW];
    float[] wx0s = new float[outW];
    float[] wx1s = new float[outW];
    taps(cropW, outW, x0, x1, wx0s, wx1s);
    int inPlane = inH * inW;
    int outPlane = outH * outW;
    for (int c = 0; c < channels; c++) {
      int base = offset + c * inPlane;
      int outBase = c * outPlane;
      for (int y = 0; y < outH; y++) {
        int r0 = base + y0[y] * inW;
        int r1 = base + y1[y] * inW;
        float wy0 = wy0s[y];
        float wy1 = wy1s[y];
        int o = outBase + y * outW;
        for (int x = 0; x < outW; x++) {
          float wx0 = wx0s[x];
          float wx1 = wx1s[x];
          float top = blend(src[r0 + x0[x]], wx0, src[r0 + x1[x]], wx1);
          float bottom = blend(src[r1 + x0[x]], wx0, src[r1 + x1[x]], wx1);
          dst[o + x] = blend(top, wy0, bottom, wy1);
        }
      }
    }
  }

  /**
   * Source indices and weights per output index, exactly as PyTorch's CPU kernel computes them: the
   * scale {@code in / out} in float, the source index and {@code lambda1} in double, then both
   * weights rounded to float. Weights computed wholly in float differ by an ulp, which flips the
   * sign of upscaled mask logits that lie within about 1e-5 of the threshold (docs/amg.md, "Parity
   * at 32 × 32 points").
   */
  static void taps(int in, int out, int[] i0, int[] i1, float[] w0, float[] w1) {
    double scale = (float) in / out;
    for (int d = 0; d < out; d++) {
      double src = Math.max(scale * (d + 0.5) - 0.5, 0.0);
      int lo = Math.min((int) src, in - 1);
      i0[d] = lo;
      i1[d] = lo < in - 1 ? lo + 1 : lo;
      double lambda1 = Math.min(Math.max(src - lo, 0.0), 1.0);
      w1[d] = (float) lambda1;
      w0[d] = (float) (1.0 - lambda1);
    }
  }

  /**
   * One tap pair blended as PyTorch's compiled kernel does it: {@code hi * w1} rounded to float,
   * then {@code lo * w0} added to it with a single rounding (a fused multiply-add).
   */
  static float blend(float lo, float w0, float hi, float w1) {
    return Math.fma(lo, w0, hi * w1);
  }
}
