package ai.use.common.image;

import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;

/**
 * What the encoded source looked like: colour type, bits per sample and alpha. Taken from the file
 * header for JPEG and PNG (a reader's colour model hides YCCK and 1-bit grey), otherwise from the
 * colour model the reader delivered.
 */
record SourceInfo(SourceColor color, int bitDepth, boolean hasAlpha) {

  static SourceInfo of(JpegHeader header) {
    return new SourceInfo(header.sourceColor(), header.precision(), false);
  }

  static SourceInfo of(PngHeader header) {
    return new SourceInfo(header.sourceColor(), header.bitDepth(), header.hasAlpha());
  }

  static SourceInfo of(ColorModel model) {
    if (model instanceof IndexColorModel palette) {
      return new SourceInfo(SourceColor.INDEXED, palette.getPixelSize(), palette.hasAlpha());
    }
    int bits = 0;
    for (int i = 0; i < model.getNumComponents(); i++) {
      bits = Math.max(bits, model.getComponentSize(i));
    }
    SourceColor color =
        switch (model.getColorSpace().getType()) {
          case ColorSpace.TYPE_GRAY -> SourceColor.GRAY;
          case ColorSpace.TYPE_RGB -> SourceColor.RGB;
          case ColorSpace.TYPE_CMYK -> SourceColor.CMYK;
          default -> SourceColor.OTHER;
        };
    return new SourceInfo(color, bits, model.hasAlpha());
  }
}
