package ai.use.common.geometry;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;

/** Hand-drawn test masks: one string per row, {@code '#'} set, anything else clear. */
final class Masks {
  private Masks() {}

  static BinaryMask draw(String... rows) {
    BinaryMask mask = new BinaryMask(rows.length, rows.length == 0 ? 0 : rows[0].length());
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length(); x++) {
        mask.set(y, x, rows[y].charAt(x) == '#');
      }
    }
    return mask;
  }

  static Rle rle(String... rows) {
    return CocoRle.encode(draw(rows));
  }
}
