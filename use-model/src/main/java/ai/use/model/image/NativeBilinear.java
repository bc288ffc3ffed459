package ai.use.model.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * {@link Bilinear} inside libtorch: the same taps and the same operations in the same order
 * (columns first, then rows; each step {@code fma(a, w0, round(b * w1))} as PyTorch's compiled CPU
 * kernel does it, the fused step emulated in float64), so the results equal the Java path and SAM's
 * reference {@code F.interpolate} (torch 1.13) bit for bit. Built from {@code index_select},
 * multiply and add because DJL's {@code interpolate} (0.36) passes {@code antialias=true}, which
 * changes every down-scaling step (seen: up to 5.8 logits apart on SAM's 768×1024 → 240×320 step)
 * while SAM's {@code F.interpolate} uses no antialias.
 *
 * <p>{@link #resizeCropResize} is SAM's mask post-processing (resize, remove the padding, resize)
 * evaluated only at the intermediate rows and columns the second step reads: never more than {@code
 * min(2 outH, cropH) × min(2 outW, cropW)} intermediate values per plane instead of {@code midH ×
 * midW}, with the same result as computing the whole intermediate plane.
 */
public final class NativeBilinear {
  private NativeBilinear() {}

  /**
   * Resizes float planes {@code [N, inH, inW]} to {@code [N, outH, outW]}.
   *
   * @param src float32 planes, left unchanged
   * @return new planes, attached to {@code src}'s manager
   */
  public static NDArray resize(NDArray src, int outH, int outW) {
    checkPlanes(src);
    long[] s = src.getShape().getShape();
    return resizeCropResize(src, (int) s[1], (int) s[2], (int) s[1], (int) s[2], outH, outW);
  }

  /**
   * SAM's two-step resize of planes {@code [N, inH, inW]}: to {@code midH × midW}, keep the
   * top-left {@code cropH × cropW}, then to {@code outH × outW}; equal to {@code
   * Bilinear.resizeInto(Bilinear.resize(src, N, inH, inW, midH, midW), 0, N, midH, midW, cropH,
   * cropW, dst, outH, outW)}.
   *
   * @param src float32 planes {@code [N, inH, inW]}, left unchanged
   * @return {@code [N, outH, outW]}, attached to {@code src}'s manager
   */
  public static NDArray resizeCropResize(
      NDArray src, int midH, int midW, int cropH, int cropW, int outH, int outW) {
    checkPlanes(src);
    Preconditions.checkArgument(
        cropH >= 1 && cropH <= midH && cropW >= 1 && cropW <= midW,
        "crop %sx%s (HxW) must lie inside the intermediate %sx%s",
        cropH,
        cropW,
        midH,
        midW);
    Preconditions.checkArgument(
        outH >= 1 && outW >= 1, "output size must be positive, got %sx%s", outH, outW);
    long[] s = src.getShape().getShape();
    Axis rows = Axis.of((int) s[1], midH, cropH, outH);
    Axis cols = Axis.of((int) s[2], midW, cropW, outW);
    NDManager manager = src.getManager();
    try (NDManager scratch = manager.newSubManager()) {
      // step 1 at the needed intermediate columns, then rows: [N, inH, C'] -> [N, R', C']
      NDArray mid = blend(src, 2, cols.first, scratch);
      mid = blend(mid, 1, rows.first, scratch);
      // step 2 over the compact intermediate: [N, R', outW] -> [N, outH, outW]
      NDArray out = blend(mid, 2, cols.second, scratch);
      out = blend(out, 1, rows.second, scratch);
      out.attach(manager);
      return out;
    }
  }

  /**
   * {@code w0 * x.index_select(axis, i0) + w1 * x.index_select(axis, i1)} along {@code axis}, in
   * place on the two gathered copies (no further temporaries; float multiplication commutes, so the
   * values are those of {@link Bilinear}).
   */
  private static NDArray blend(NDArray x, int axis, Taps t, NDManager m) {
    int n = t.i0.length;
    Shape shape = axis == 1 ? new Shape(1, n, 1) : new Shape(1, 1, n);
    String at = axis == 1 ? ":, {}" : ":, :, {}";
    NDArray a = x.get(new NDIndex(at, m.create(t.i0)));
    a.attach(m);
    NDArray b = x.get(new NDIndex(at, m.create(t.i1)));
    b.attach(m);
    // as PyTorch's CPU kernel (Bilinear.blend): hi * w1 rounded to float, then lo * w0 added with
    // one rounding; float64 holds lo * w0 exactly, so the sum rounds once more only in double
    b.muli(m.create(t.w1, shape));
    NDArray lo = a.toType(DataType.FLOAT64, false);
    lo.attach(m);
    lo.muli(m.create(t.w0, shape).toType(DataType.FLOAT64, false));
    lo.addi(b.toType(DataType.FLOAT64, false));
    NDArray out = lo.toType(DataType.FLOAT32, false);
    out.attach(m);
    return out;
  }

  private static void checkPlanes(NDArray src) {
    Preconditions.checkArgument(
        src.getShape().dimension() == 3 && src.getDataType() == DataType.FLOAT32,
        "expected float32 planes [N, H, W], got %s %s",
        src.getDataType(),
        src.getShape());
  }

  /** Source indices and weights of one resampling step along one axis. */
  private record Taps(long[] i0, long[] i1, float[] w0, float[] w1) {}

  /**
   * Taps of both steps along one axis: {@code first} reads the source at the intermediate positions
   * that {@code second} needs; {@code second} reads those positions, renumbered.
   */
  private record Axis(Taps first, Taps second) {
    static Axis of(int in, int mid, int crop, int out) {
      int[] lo = new int[out];
      int[] hi = new int[out];
      float[] w0 = new float[out];
      float[] w1 = new float[out];
      Bilinear.taps(crop, out, lo, hi, w0, w1);
      int[] needed = distinct(lo, hi);
      int[] position = new int[crop];
      for (int k = 0; k < needed.length; k++) {
        position[needed[k]] = k;
      }
      Taps second = taps(lo, hi, w0, w1, position);
      int[] lo1 = new int[mid];
      int[] hi1 = new int[mid];
      float[] w01 = new float[mid];
      float[] w11 = new float[mid];
      Bilinear.taps(in, mid, lo1, hi1, w01, w11);
      int[] a = new int[needed.length];
      int[] b = new int[needed.length];
      float[] u0 = new float[needed.length];
      float[] u1 = new float[needed.length];
      for (int k = 0; k < needed.length; k++) {
        a[k] = lo1[needed[k]];
        b[k] = hi1[needed[k]];
        u0[k] = w01[needed[k]];
        u1[k] = w11[needed[k]];
      }
      return new Axis(taps(a, b, u0, u1, null), second);
    }

    private static Taps taps(int[] lo, int[] hi, float[] w0, float[] w1, int[] renumber) {
      int n = lo.length;
      long[] i0 = new long[n];
      long[] i1 = new long[n];
      for (int d = 0; d < n; d++) {
        i0[d] = renumber == null ? lo[d] : renumber[lo[d]];
        i1[d] = renumber == null ? hi[d] : renumber[hi[d]];
      }
      return new Taps(i0, i1, w0.clone(), w1.clone());
    }

    private static int[] distinct(int[] a, int[] b) {
      int[] all = new int[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return Arrays.stream(all).distinct().sorted().toArray();
    }
  }
}
