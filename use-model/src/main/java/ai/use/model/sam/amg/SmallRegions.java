package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * SAM's {@code remove_small_regions}: fills small holes in, or removes small islands from, a mask,
 * with 8-connected components as OpenCV's {@code connectedComponentsWithStats(connectivity=8)}.
 *
 * <p>The components are those of the set pixels ({@link Mode#ISLANDS}) or of the unset pixels
 * ({@link Mode#HOLES}); a component is small when its area is {@code < areaThresh}.
 *
 * <ul>
 *   <li>No small component: the mask is returned unchanged ({@code changed = false}).
 *   <li>Holes: every small component of the unset pixels is set. As in SAM this includes the outer
 *       background when it is itself smaller than the threshold.
 *   <li>Islands: every small component is cleared; if all are small, the largest one is kept. A tie
 *       for the largest goes to the lowest OpenCV label, i.e. the component met first when scanning
 *       the image in 2×2 blocks (block rows top to bottom, blocks left to right), the order in
 *       which OpenCV's block-based labeling numbers components.
 * </ul>
 */
public final class SmallRegions {
  private SmallRegions() {}

  /** Which regions to clean. */
  public enum Mode {
    /** Fill small connected regions of unset pixels. */
    HOLES,
    /** Remove small connected regions of set pixels. */
    ISLANDS
  }

  /**
   * The cleaned mask and whether it differs from SAM's input in the sense of SAM's flag.
   *
   * @param mask the cleaned mask (the input itself when {@code changed} is false)
   * @param changed SAM's "modified" flag: true when at least one small region was found
   */
  public record Result(BinaryMask mask, boolean changed) {}

  /**
   * Removes small holes or islands.
   *
   * @param mask the mask (not modified)
   * @param areaThresh regions with area {@code < areaThresh} are small
   * @param mode holes or islands
   */
  public static Result remove(BinaryMask mask, double areaThresh, Mode mode) {
    Preconditions.checkNotNull(mode, "mode");
    Preconditions.checkArgument(
        !Double.isNaN(areaThresh), "area threshold must not be NaN, got %s", areaThresh);
    boolean holes = mode == Mode.HOLES;
    int h = mask.height();
    int w = mask.width();
    boolean[] working = new boolean[h * w];
    for (int i = 0; i < working.length; i++) {
      working[i] = mask.getRowMajor(i) ^ holes;
    }
    Components c = Components.label(working, h, w);
    boolean[] small = new boolean[c.count + 1];
    boolean anySmall = false;
    for (int label = 1; label <= c.count; label++) {
      small[label] = c.sizes[label] < areaThresh;
      anySmall |= small[label];
    }
    if (!anySmall) {
      return new Result(mask, false);
    }
    // keep[label]: whether pixels of this label (0 = background of the working mask) end up set.
    boolean[] keep = new boolean[c.count + 1];
    if (holes) {
      keep = small.clone();
      keep[0] = true;
    } else {
      boolean anyKept = false;
      for (int label = 1; label <= c.count; label++) {
        keep[label] = !small[label];
        anyKept |= keep[label];
      }
      if (!anyKept) {
        keep[largest(c.sizes)] = true;
      }
    }
    boolean[] out = new boolean[h * w];
    for (int i = 0; i < out.length; i++) {
      out[i] = keep[c.labels[i]];
    }
    return new Result(BinaryMask.ofRowMajor(h, w, out), true);
  }

  /** The first label (from 1) with the largest size, as numpy's {@code argmax(sizes) + 1}. */
  private static int largest(long[] sizes) {
    int best = 1;
    for (int label = 2; label < sizes.length; label++) {
      if (sizes[label] > sizes[best]) {
        best = label;
      }
    }
    return best;
  }

  /** 8-connected components of a row-major boolean image, labeled in OpenCV's order. */
  static final class Components {
    /** Label per pixel: 0 for unset pixels, 1..count for components. */
    final int[] labels;

    /** Pixel count per label; index 0 counts the unset pixels. */
    final long[] sizes;

    /** Number of components. */
    final int count;

    private Components(int[] labels, long[] sizes, int count) {
      this.labels = labels;
      this.sizes = sizes;
      this.count = count;
    }

    /**
     * Labels the set pixels. Components are numbered in the order their first 2×2 block is met
     * (block rows {@code y / 2} top to bottom, then block columns {@code x / 2}); all set pixels of
     * one 2×2 block are 8-connected, so that order is well defined.
     */
    static Components label(boolean[] image, int h, int w) {
      int[] labels = new int[h * w];
      int[] stack = new int[Math.max(1, h * w)];
      long[] sizes = new long[16];
      int count = 0;
      for (int by = 0; by < h; by += 2) {
        for (int bx = 0; bx < w; bx += 2) {
          for (int dy = 0; dy < 2 && by + dy < h; dy++) {
            for (int dx = 0; dx < 2 && bx + dx < w; dx++) {
              int start = (by + dy) * w + bx + dx;
              if (image[start] && labels[start] == 0) {
                count++;
                if (count >= sizes.length) {
                  sizes = Arrays.copyOf(sizes, sizes.length * 2);
                }
                sizes[count] = flood(image, labels, stack, h, w, start, count);
              }
            }
          }
        }
      }
      long[] trimmed = Arrays.copyOf(sizes, count + 1);
      long set = 0;
      for (int i = 1; i <= count; i++) {
        set += trimmed[i];
      }
      trimmed[0] = (long) h * w - set;
      return new Components(labels, trimmed, count);
    }

    private static long flood(
        boolean[] image, int[] labels, int[] stack, int h, int w, int start, int label) {
      int top = 0;
      stack[top++] = start;
      labels[start] = label;
      long size = 0;
      while (top > 0) {
        int p = stack[--top];
        size++;
        int y = p / w;
        int x = p % w;
        for (int ny = Math.max(0, y - 1); ny <= Math.min(h - 1, y + 1); ny++) {
          for (int nx = Math.max(0, x - 1); nx <= Math.min(w - 1, x + 1); nx++) {
            int q = ny * w + nx;
            if (image[q] && labels[q] == 0) {
              labels[q] = label;
              stack[top++] = q;
            }
          }
        }
      }
      return size;
    }
  }
}
