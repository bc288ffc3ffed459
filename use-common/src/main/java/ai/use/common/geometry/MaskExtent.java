package ai.use.common.geometry;

import ai.use.common.mask.BinaryMask;

/** Extent of the set pixels of a mask, shared by the box constructors. */
final class MaskExtent {
  private MaskExtent() {}

  /**
   * {@code [xmin, ymin, xmax, ymax]} over the set pixels, all inclusive, or {@code null} for an
   * empty mask.
   */
  static int[] of(BinaryMask mask) {
    int w = mask.width();
    int h = mask.height();
    int xmin = Integer.MAX_VALUE;
    int ymin = Integer.MAX_VALUE;
    int xmax = -1;
    int ymax = -1;
    for (int y = 0; y < h; y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        if (mask.getRowMajor(row + x)) {
          xmin = Math.min(xmin, x);
          xmax = Math.max(xmax, x);
          ymin = Math.min(ymin, y);
          ymax = y;
        }
      }
    }
    return xmax < 0 ? null : new int[] {xmin, ymin, xmax, ymax};
  }
}
