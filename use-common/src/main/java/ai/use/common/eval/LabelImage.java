package ai.use.common.eval;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A label map: one raw integer value per pixel, row-major {@code [H, W]}, as stored in a
 * single-channel 8- or 16-bit PNG (or TIFF), or as palette indices of an indexed PNG (Pascal VOC
 * style). Values are raw: a {@link LabelLayout} turns them into class indices.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param bitDepth bits per stored sample (8 or 16; palette images report their index depth)
 * @param values raw values, row-major, length {@code width * height}
 */
public record LabelImage(int width, int height, int bitDepth, int[] values) {
  public LabelImage {
    if (values.length != (long) width * height) {
      throw new IllegalArgumentException(
          "label image of " + width + "x" + height + " needs " + width * height + " values");
    }
  }

  /** Raw value at pixel ({@code x}, {@code y}). */
  public int at(int x, int y) {
    return values[y * width + x];
  }

  /**
   * Encodes this map as a single-channel PNG of its bit depth (8 or 16), the format {@link #read}
   * and the benchmarks use; fails when a value does not fit the depth.
   */
  public byte[] encodePng() {
    if (bitDepth != 8 && bitDepth != 16) {
      throw new IllegalArgumentException("PNG label maps are 8- or 16-bit, not " + bitDepth);
    }
    int max = (1 << bitDepth) - 1;
    for (int v : values) {
      if (v < 0 || v > max) {
        throw new IllegalArgumentException(
            "value " + v + " does not fit a " + bitDepth + "-bit label map");
      }
    }
    BufferedImage image =
        new BufferedImage(
            width,
            height,
            bitDepth == 8 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setSamples(0, 0, width, height, 0, values);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Decodes an encoded label map. Fails with {@link EvalInputException} naming {@code source} when
   * the bytes are not an image, or when the image has colour channels (a colour-coded map must be
   * converted to class indices first).
   */
  public static LabelImage read(byte[] encoded, String source) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(encoded));
    } catch (IOException | RuntimeException e) {
      throw new EvalInputException(
          EvalInputException.Kind.UNREADABLE,
          source + " is not a readable image: " + e.getMessage());
    }
    if (image == null) {
      throw new EvalInputException(
          EvalInputException.Kind.UNREADABLE,
          source + " is not a readable image (no ImageIO reader; PNG and TIFF are supported)");
    }
    Raster raster = image.getRaster();
    boolean palette = image.getColorModel() instanceof IndexColorModel;
    if (raster.getNumBands() != 1) {
      throw new EvalInputException(
          EvalInputException.Kind.NOT_A_LABEL_MAP,
          source
              + " has "
              + raster.getNumBands()
              + " channels; a label map must be single-channel 8- or 16-bit grey (or a palette"
              + " PNG) holding class indices, not colours");
    }
    int bits = raster.getSampleModel().getSampleSize(0);
    if (bits > 16) {
      throw new EvalInputException(
          EvalInputException.Kind.NOT_A_LABEL_MAP,
          source + " has " + bits + "-bit samples; label maps must be 8- or 16-bit");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int[] values = raster.getSamples(0, 0, w, h, 0, new int[w * h]);
    return new LabelImage(w, h, palette ? Math.max(bits, 8) : bits, values);
  }
}
