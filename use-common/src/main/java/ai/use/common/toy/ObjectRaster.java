package ai.use.common.toy;

/**
 * The full (unoccluded) pixels of one object in its own frame: {@code width × height} row-major
 * codes, 0 = not the object, otherwise {@code part.ordinal() + 1}. The shape occupies the square
 * {@code [0, extent)²}; a handle may extend the width to the right.
 */
record ObjectRaster(int width, int height, byte[] codes) {

  /** The part at local pixel (x, y), or null where the object has no pixel. */
  ToyPart partAt(int x, int y) {
    int code = codes[y * width + x];
    return code == 0 ? null : ToyPart.values()[code - 1];
  }

  /** Number of pixels of each part, indexed by {@code part.ordinal()}. */
  long[] partAreas() {
    long[] areas = new long[ToyPart.values().length];
    for (byte code : codes) {
      if (code != 0) {
        areas[code - 1]++;
      }
    }
    return areas;
  }
}
