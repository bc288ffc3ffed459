package ai.use.common.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PackedColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * Converts whatever a reader delivered into a compact {@code TYPE_3BYTE_BGR} image, the way PIL's
 * {@code convert("RGB")} does: samples are copied (scaled to 8 bits), grey is replicated into B, G
 * and R, palettes are looked up, and alpha is dropped without compositing (the stored colour of a
 * transparent pixel is kept). No colour management happens on these paths; only colour spaces other
 * than grey and RGB (and premultiplied or floating-point rasters) go through Java2D's {@code
 * getRGB}.
 */
final class BgrConverter {
  private BgrConverter() {}

  /** Whether {@code image} is {@code TYPE_3BYTE_BGR} backed by one array of exactly H*W*3 bytes. */
  static boolean isCompactBgr(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      return false;
    }
    Raster raster = image.getRaster();
    if (raster.getParent() != null
        || raster.getSampleModelTranslateX() != 0
        || raster.getSampleModelTranslateY() != 0
        || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
        || buffer.getNumBanks() != 1
        || buffer.getOffset() != 0
        || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)) {
      return false;
    }
    int[] offsets = model.getBandOffsets();
    return model.getPixelStride() == 3
        && model.getScanlineStride() == 3 * image.getWidth()
        && offsets.length == 3
        && offsets[0] == 2
        && offsets[1] == 1
        && offsets[2] == 0
        && buffer.getData().length == 3 * image.getWidth() * image.getHeight();
  }

  /** {@code source} itself when it is already compact BGR, otherwise a converted copy. */
  static BufferedImage toBgr(BufferedImage source) {
    if (isCompactBgr(source)) {
      return source;
    }
    int width = source.getWidth();
    int height = source.getHeight();
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) target.getRaster().getDataBuffer()).getData();
    ColorModel model = source.getColorModel();
    if (model instanceof IndexColorModel palette) {
      copyIndexed(source.getRaster(), palette, bgr);
    } else if (isPlainGrayOrRgb(model, source.getRaster())) {
      copyComponents(source.getRaster(), model, bgr);
    } else {
      copyViaRgb(source, bgr);
    }
    return target;
  }

  private static boolean isPlainGrayOrRgb(ColorModel model, Raster raster) {
    int type = model.getColorSpace().getType();
    int transfer = raster.getTransferType();
    boolean integral =
        transfer == DataBuffer.TYPE_BYTE
            || transfer == DataBuffer.TYPE_USHORT
            || transfer == DataBuffer.TYPE_INT;
    boolean sampleModelOk =
        model instanceof PackedColorModel || model instanceof ComponentColorModel;
    return integral
        && sampleModelOk
        && !model.isAlphaPremultiplied()
        && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB)
        && raster.getNumBands() == model.getNumComponents()
        && maxComponentSize(model) <= 16;
  }

  private static int maxComponentSize(ColorModel model) {
    int max = 0;
    for (int i = 0; i < model.getNumComponents(); i++) {
      max = Math.max(max, model.getComponentSize(i));
    }
    return max;
  }

  private static void copyIndexed(Raster raster, IndexColorModel palette, byte[] bgr) {
    int size = palette.getMapSize();
    byte[] reds = new byte[size];
    byte[] greens = new byte[size];
    byte[] blues = new byte[size];
    palette.getReds(reds);
    palette.getGreens(greens);
    palette.getBlues(blues);
    int width = raster.getWidth();
    int[] row = new int[width];
    int out = 0;
    for (int y = 0; y < raster.getHeight(); y++) {
      raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, 0, row);
      for (int x = 0; x < width; x++) {
        int index = Math.min(row[x], size - 1);
        bgr[out++] = blues[index];
        bgr[out++] = greens[index];
        bgr[out++] = reds[index];
      }
    }
  }

  /** Grey or RGB components, alpha (the last band, if any) ignored. */
  private static void copyComponents(Raster raster, ColorModel model, byte[] bgr) {
    int width = raster.getWidth();
    boolean gray = model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    int[] bands = gray ? new int[] {0, 0, 0} : new int[] {2, 1, 0};
    int[][] rows = new int[3][width];
    for (int y = 0; y < raster.getHeight(); y++) {
      for (int c = 0; c < 3; c++) {
        if (gray && c > 0) {
          rows[c] = rows[0];
        } else {
          raster.getSamples(raster.getMinX(), raster.getMinY() + y, width, 1, bands[c], rows[c]);
          scaleTo8Bits(rows[c], model.getComponentSize(bands[c]));
        }
      }
      int out = 3 * width * y;
      for (int x = 0; x < width; x++) {
        bgr[out++] = (byte) rows[0][x];
        bgr[out++] = (byte) rows[1][x];
        bgr[out++] = (byte) rows[2][x];
      }
    }
  }

  /** {@code round(v * 255 / (2^bits - 1))}; the identity for 8 bits. */
  static void scaleTo8Bits(int[] values, int bits) {
    if (bits == 8) {
      return;
    }
    long max = (1L << bits) - 1;
    for (int i = 0; i < values.length; i++) {
      values[i] = (int) ((values[i] * 255L + max / 2) / max);
    }
  }

  private static void copyViaRgb(BufferedImage source, byte[] bgr) {
    int width = source.getWidth();
    int[] row = new int[width];
    int out = 0;
    for (int y = 0; y < source.getHeight(); y++) {
      source.getRGB(0, y, width, 1, row, 0, width);
      for (int x = 0; x < width; x++) {
        int argb = row[x];
        bgr[out++] = (byte) argb;
        bgr[out++] = (byte) (argb >> 8);
        bgr[out++] = (byte) (argb >> 16);
      }
    }
  }
}
