package ai.use.common.mask;

import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * A binary mask of {@code height × width} pixels, stored row-major ({@code index = y * width + x}).
 *
 * <p>Mutable while it is being drawn; {@link #copy()} before sharing. COCO RLE runs over the same
 * pixels in column-major order: see {@link CocoRle}.
 */
public final class BinaryMask {
  private final int height;
  private final int width;
  private final boolean[] bits;

  /** An empty (all-false) mask. */
  public BinaryMask(int height, int width) {
    this(height, width, new boolean[checkedSize(height, width)]);
  }

  private BinaryMask(int height, int width, boolean[] bits) {
    this.height = height;
    this.width = width;
    this.bits = bits;
  }

  /** Wraps a row-major array of {@code height * width} values (copied). */
  public static BinaryMask ofRowMajor(int height, int width, boolean[] rowMajor) {
    Preconditions.checkArgument(
        rowMajor.length == checkedSize(height, width),
        "mask of %sx%s needs %s values, got %s",
        height,
        width,
        (long) height * width,
        rowMajor.length);
    return new BinaryMask(height, width, rowMajor.clone());
  }

  private static int checkedSize(int height, int width) {
    Preconditions.checkArgument(
        height >= 0 && width >= 0, "mask size must be non-negative, got %sx%s", height, width);
    long size = (long) height * width;
    Preconditions.checkArgument(
        size <= Integer.MAX_VALUE, "mask of %sx%s is too large", height, width);
    return (int) size;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public boolean get(int y, int x) {
    return bits[y * width + x];
  }

  public void set(int y, int x, boolean value) {
    bits[y * width + x] = value;
  }

  /** Value at row-major index {@code y * width + x}. */
  public boolean getRowMajor(int index) {
    return bits[index];
  }

  /** Number of set pixels. */
  public long area() {
    long area = 0;
    for (boolean bit : bits) {
      if (bit) {
        area++;
      }
    }
    return area;
  }

  /** Sets every pixel that is set in {@code other} (same size). */
  public BinaryMask orInPlace(BinaryMask other) {
    checkSameSize(other);
    for (int i = 0; i < bits.length; i++) {
      bits[i] |= other.bits[i];
    }
    return this;
  }

  /** Clears every pixel that is set in {@code other} (same size). */
  public BinaryMask andNotInPlace(BinaryMask other) {
    checkSameSize(other);
    for (int i = 0; i < bits.length; i++) {
      bits[i] &= !other.bits[i];
    }
    return this;
  }

  /** Number of pixels set in both masks (same size). */
  public long intersectionArea(BinaryMask other) {
    checkSameSize(other);
    long n = 0;
    for (int i = 0; i < bits.length; i++) {
      if (bits[i] && other.bits[i]) {
        n++;
      }
    }
    return n;
  }

  public BinaryMask copy() {
    return new BinaryMask(height, width, bits.clone());
  }

  private void checkSameSize(BinaryMask other) {
    Preconditions.checkArgument(
        other.height == height && other.width == width,
        "mask sizes differ: %sx%s vs %sx%s",
        height,
        width,
        other.height,
        other.width);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BinaryMask m
        && m.height == height
        && m.width == width
        && Arrays.equals(m.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return "BinaryMask[" + height + "x" + width + ", area=" + area() + "]";
  }
}
