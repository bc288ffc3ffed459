package ai.use.model.head;

import com.google.common.base.Preconditions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Optional fp16 storage of cached features (IEEE 754 binary16, little-endian, round to nearest
 * even). The stated bound: every value comes back with relative error ≤ 2⁻¹¹ when {@code |x| ≥
 * 2⁻¹⁴}, and absolute error ≤ 2⁻²⁵ below that. Pooled LayerNorm-normalized features cannot
 * overflow: a normalized token has zero mean and unit variance over C channels, so each component
 * lies within {@code ±sqrt(C − 1)} (32 for C = 1024), and pooling is a convex combination; values
 * of 65520 or more, and NaN, are rejected rather than stored as infinity. fp32 stays the default:
 * only fp32 caches make the head on cached features equal the head on token maps to 1e-5.
 */
public final class Fp16 {
  private static final int OVERFLOW_BITS = 0x477ff000; // 65520: rounds to infinity in binary16

  private Fp16() {}

  /** {@code [n]} floats → {@code 2n} bytes. */
  public static byte[] encode(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      b.putShort(toHalf(values[i], i));
    }
    return b.array();
  }

  /** {@code 2n} bytes → {@code [n]} floats. */
  public static float[] decode(byte[] bytes) {
    Preconditions.checkArgument(
        bytes.length % 2 == 0, "fp16 data has an odd number of bytes: %s", bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[bytes.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = toFloat(b.getShort());
    }
    return out;
  }

  static short toHalf(float f, int index) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fffffff;
    if (abs >= OVERFLOW_BITS) {
      throw new IllegalArgumentException(
          "value " + f + " at index " + index + " does not fit fp16 (|x| < 65520); store fp32");
    }
    if (abs < 0x38800000) { // below 2^-14: binary16 subnormal, unit 2^-24 (scaling is exact)
      int m = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
      return (short) (sign | m);
    }
    int half = ((((abs >>> 23) - 127 + 15) << 10) | ((abs & 0x7fffff) >>> 13));
    int rest = abs & 0x1fff;
    if (rest > 0x1000 || (rest == 0x1000 && (half & 1) == 1)) {
      half++; // a carry into the exponent is the correct rounding
    }
    return (short) (sign | half);
  }

  static float toFloat(short h) {
    int sign = (h & 0x8000) << 16;
    int e = (h >>> 10) & 0x1f;
    int m = h & 0x3ff;
    if (e == 0) {
      float v = m * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    Preconditions.checkArgument(e != 31, "fp16 infinity or NaN in stored features");
    return Float.intBitsToFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
  }
}
