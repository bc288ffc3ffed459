package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;

/** Hand-drawn test masks: one string per row, {@code '#'} set, anything else clear. */
final class TestMasks {
  private TestMasks() {}

  static BinaryMask draw(String... rows) {
    BinaryMask mask = new BinaryMask(rows.length, rows[0].length());
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length(); x++) {
        mask.set(y, x, rows[y].charAt(x) == '#');
      }
    }
    return mask;
  }
}
