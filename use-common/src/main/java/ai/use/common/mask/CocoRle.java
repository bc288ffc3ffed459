package ai.use.common.mask;

import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * COCO compressed RLE, byte-for-byte equal to the reference C implementation of the COCO mask API
 * ({@code maskApi.c}: {@code rleEncode}, {@code rleToString}, {@code rleFrString}, {@code
 * rleDecode}, {@code rleArea}, {@code rleToBbox}, {@code rleIou}).
 *
 * <p>Runs go over the mask in column-major order ({@code index = x * height + y}) and start with a
 * run of zeros (possibly of length 0).
 */
public final class CocoRle {
  private CocoRle() {}

  /** Encodes a mask. */
  public static Rle encode(BinaryMask mask) {
    return new Rle(mask.height(), mask.width(), countsToString(runs(mask)));
  }

  /** Decodes an RLE into a mask; fails clearly when the runs do not cover the image exactly. */
  public static BinaryMask decode(Rle rle) {
    int h = rle.height();
    int w = rle.width();
    long[] runs = stringToCounts(rle.counts());
    long total = 0;
    for (long run : runs) {
      Preconditions.checkArgument(run >= 0, "RLE has a negative run: %s", rle);
      total += run;
    }
    Preconditions.checkArgument(
        total == (long) h * w, "RLE runs sum to %s but the mask has %sx%s pixels", total, h, w);
    BinaryMask mask = new BinaryMask(h, w);
    long index = 0;
    boolean value = false;
    for (long run : runs) {
      if (value) {
        for (long i = index; i < index + run; i++) {
          int x = (int) (i / h);
          int y = (int) (i % h);
          mask.set(y, x, true);
        }
      }
      index += run;
      value = !value;
    }
    return mask;
  }

  /** Uncompressed runs of a mask in column-major order, starting with zeros. */
  public static long[] runs(BinaryMask mask) {
    int h = mask.height();
    int w = mask.width();
    long[] runs = new long[(int) Math.min((long) h * w + 1, Integer.MAX_VALUE)];
    int m = 0;
    boolean previous = false;
    long count = 0;
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        boolean bit = mask.get(y, x);
        if (bit != previous) {
          runs[m++] = count;
          count = 0;
          previous = bit;
        }
        count++;
      }
    }
    runs[m++] = count;
    return Arrays.copyOf(runs, m);
  }

  /** The compressed counts string of uncompressed runs ({@code rleToString}). */
  public static String countsToString(long[] runs) {
    StringBuilder s = new StringBuilder(runs.length * 2);
    for (int i = 0; i < runs.length; i++) {
      long x = runs[i];
      if (i > 2) {
        x -= runs[i - 2];
      }
      boolean more = true;
      while (more) {
        long c = x & 0x1f;
        x >>= 5;
        more = (c & 0x10) != 0 ? x != -1 : x != 0;
        if (more) {
          c |= 0x20;
        }
        s.append((char) (c + 48));
      }
    }
    return s.toString();
  }

  /** The uncompressed runs of a counts string ({@code rleFrString}). */
  public static long[] stringToCounts(String counts) {
    long[] runs = new long[counts.length()];
    int m = 0;
    int p = 0;
    while (p < counts.length()) {
      long x = 0;
      int k = 0;
      boolean more = true;
      while (more) {
        Preconditions.checkArgument(
            p < counts.length(), "RLE counts string ends inside a number: \"%s\"", counts);
        long c = counts.charAt(p) - 48;
        Preconditions.checkArgument(
            c >= 0 && c < 64,
            "RLE counts string has an invalid character at %s: \"%s\"",
            p,
            counts);
        x |= (c & 0x1f) << (5 * k);
        more = (c & 0x20) != 0;
        p++;
        k++;
        if (!more && (c & 0x10) != 0) {
          x |= -1L << (5 * k);
        }
      }
      if (m > 2) {
        x += runs[m - 2];
      }
      runs[m++] = x;
    }
    return Arrays.copyOf(runs, m);
  }

  /** Number of set pixels ({@code rleArea}). */
  public static long area(Rle rle) {
    long[] runs = stringToCounts(rle.counts());
    long area = 0;
    for (int i = 1; i < runs.length; i += 2) {
      area += runs[i];
    }
    return area;
  }

  /**
   * Bounding box {@code [x, y, width, height]} as {@code rleToBbox} computes it (all zero for an
   * empty mask; a mask whose runs wrap a column spans the full height).
   */
  public static long[] bboxXywh(Rle rle) {
    long[] runs = stringToCounts(rle.counts());
    long h = rle.height();
    int m = (runs.length / 2) * 2;
    if (m == 0) {
      return new long[] {0, 0, 0, 0};
    }
    long xs = rle.width();
    long ys = h;
    long xe = 0;
    long ye = 0;
    long cc = 0;
    long xp = 0;
    for (int j = 0; j < m; j++) {
      cc += runs[j];
      long t = cc - j % 2;
      long y = t % h;
      long x = (t - y) / h;
      if (j % 2 == 0) {
        xp = x;
      } else if (xp < x) {
        ys = 0;
        ye = h - 1;
      }
      xs = Math.min(xs, x);
      xe = Math.max(xe, x);
      ys = Math.min(ys, y);
      ye = Math.max(ye, y);
    }
    return new long[] {xs, ys, xe - xs + 1, ye - ys + 1};
  }

  /**
   * Intersection over union of two non-crowd masks of the same size; 0 when both are empty.
   *
   * <p>Computed by merging the two run lists, so it never decodes the masks.
   */
  public static double iou(Rle a, Rle b) {
    Preconditions.checkArgument(
        a.height() == b.height() && a.width() == b.width(),
        "IoU needs masks of the same size: %sx%s vs %sx%s",
        a.height(),
        a.width(),
        b.height(),
        b.width());
    long[] ra = stringToCounts(a.counts());
    long[] rb = stringToCounts(b.counts());
    long intersection = 0;
    long union = 0;
    int ia = 0;
    int ib = 0;
    long leftA = ra.length > 0 ? ra[0] : 0;
    long leftB = rb.length > 0 ? rb[0] : 0;
    boolean va = false;
    boolean vb = false;
    long remaining = (long) a.height() * a.width();
    while (remaining > 0) {
      while (leftA == 0 && ia + 1 < ra.length) {
        leftA = ra[++ia];
        va = !va;
      }
      while (leftB == 0 && ib + 1 < rb.length) {
        leftB = rb[++ib];
        vb = !vb;
      }
      long step = Math.min(leftA, leftB);
      if (step <= 0) {
        break;
      }
      if (va && vb) {
        intersection += step;
      }
      if (va || vb) {
        union += step;
      }
      leftA -= step;
      leftB -= step;
      remaining -= step;
    }
    return union == 0 ? 0 : (double) intersection / union;
  }

  /** Union of masks of one size ({@code rleMerge} without intersection). */
  public static Rle union(Rle first, Rle... others) {
    BinaryMask merged = decode(first);
    for (Rle other : others) {
      merged.orInPlace(decode(other));
    }
    return encode(merged);
  }
}
