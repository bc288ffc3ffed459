package ai.use.common.image;

/**
 * What the chunks of a PNG before the image data say: bit depth and colour type (IHDR) and whether
 * a {@code tRNS} chunk gives transparency.
 *
 * @param bitDepth bits per sample (1, 2, 4, 8 or 16; the index size for palette images)
 * @param colorType PNG colour type: 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha
 * @param hasTransparencyChunk whether a {@code tRNS} chunk comes before the first {@code IDAT}
 */
record PngHeader(int bitDepth, int colorType, boolean hasTransparencyChunk) {
  private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  /** Whether {@code bytes} start with the PNG signature. */
  static boolean isPng(byte[] bytes) {
    if (bytes.length < SIGNATURE.length) {
      return false;
    }
    for (int i = 0; i < SIGNATURE.length; i++) {
      if (bytes[i] != SIGNATURE[i]) {
        return false;
      }
    }
    return true;
  }

  /** Reads the header of a PNG ({@link #isPng}); {@code null} when the IHDR chunk is missing. */
  static PngHeader scan(byte[] b) {
    if (b.length < 33 || !chunkTypeIs(b, 12, "IHDR")) {
      return null;
    }
    int bitDepth = b[24] & 0xFF;
    int colorType = b[25] & 0xFF;
    boolean transparency = false;
    long pos = 8;
    while (pos + 8 <= b.length) {
      int at = (int) pos;
      long length = readLength(b, at);
      if (chunkTypeIs(b, at + 4, "IDAT") || chunkTypeIs(b, at + 4, "IEND")) {
        break;
      }
      if (chunkTypeIs(b, at + 4, "tRNS")) {
        transparency = true;
        break;
      }
      pos += 12 + length;
    }
    return new PngHeader(bitDepth, colorType, transparency);
  }

  /**
   * Whether the chunks of a PNG ({@link #isPng}) run past the end of the data before an {@code
   * IEND} chunk: the file is truncated (or a chunk length is damaged, which looks the same).
   */
  static boolean endsEarly(byte[] b) {
    long pos = 8;
    while (true) {
      if (pos + 8 > b.length) {
        return true;
      }
      int at = (int) pos;
      long end = pos + 12 + readLength(b, at);
      if (end > b.length) {
        return true;
      }
      if (chunkTypeIs(b, at + 4, "IEND")) {
        return false;
      }
      pos = end;
    }
  }

  private static long readLength(byte[] b, int at) {
    return ((b[at] & 0xFFL) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }

  SourceColor sourceColor() {
    return switch (colorType) {
      case 0, 4 -> SourceColor.GRAY;
      case 2, 6 -> SourceColor.RGB;
      case 3 -> SourceColor.INDEXED;
      default -> SourceColor.OTHER;
    };
  }

  boolean hasAlpha() {
    return colorType == 4 || colorType == 6 || hasTransparencyChunk;
  }

  private static boolean chunkTypeIs(byte[] b, int offset, String type) {
    for (int i = 0; i < 4; i++) {
      if (b[offset + i] != type.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
