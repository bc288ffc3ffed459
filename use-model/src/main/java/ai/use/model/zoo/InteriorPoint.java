package ai.use.model.zoo;

import ai.use.common.mask.BinaryMask;

/**
 * The interior pixel of a mask farthest from its boundary, found by repeated 8-neighbour erosion
 * (pixels outside the image count as background); the first survivor of the last non-empty erosion
 * in row-major order. The toy zoo's point-prompt evaluation uses it on both sides.
 */
public final class InteriorPoint {
  private InteriorPoint() {}

  /** {@code {x, y}} of the deepest pixel, or null for an empty mask. */
  public static int[] deepest(BinaryMask mask) {
    int h = mask.height();
    int w = mask.width();
    boolean[] cur = new boolean[h * w];
    boolean any = false;
    for (int i = 0; i < cur.length; i++) {
      cur[i] = mask.getRowMajor(i);
      any |= cur[i];
    }
    if (!any) {
      return null;
    }
    boolean[] last = cur;
    while (true) {
      boolean[] next = new boolean[h * w];
      boolean survivors = false;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (cur[y * w + x] && allNeighbours(cur, h, w, y, x)) {
            next[y * w + x] = true;
            survivors = true;
          }
        }
      }
      if (!survivors) {
        break;
      }
      last = next;
      cur = next;
    }
    for (int i = 0; i < last.length; i++) {
      if (last[i]) {
        return new int[] {i % w, i / w};
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private static boolean allNeighbours(boolean[] m, int h, int w, int y, int x) {
    for (int dy = -1; dy <= 1; dy++) {
      for (int dx = -1; dx <= 1; dx++) {
        int yy = y + dy;
        int xx = x + dx;
        if (yy < 0 || yy >= h || xx < 0 || xx >= w || !m[yy * w + xx]) {
          return false;
        }
      }
    }
    return true;
  }
}
