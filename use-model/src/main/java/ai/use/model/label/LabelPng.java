package ai.use.model.label;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Writes a {@link SemanticMap} as a grey label PNG: 8 bits per pixel when the class ids fit (K ≤
 * 255), 16 bits otherwise (ADE20K-847 and Pascal Context-459 layouts need more than 255 values).
 */
public final class LabelPng {
  private LabelPng() {}

  /** PNG bytes of the map. */
  public static byte[] encode(SemanticMap map) {
    BufferedImage image;
    if (map.sixteenBit()) {
      image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_USHORT_GRAY);
      short[] data = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < data.length; i++) {
        data[i] = (short) map.labels()[i];
      }
    } else {
      image = new BufferedImage(map.width(), map.height(), BufferedImage.TYPE_BYTE_GRAY);
      byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) map.labels()[i];
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for a grey image");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Reads a label PNG back as class ids, row-major (8- or 16-bit grey). */
  public static int[] decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(png));
      int[] out = new int[image.getWidth() * image.getHeight()];
      image.getRaster().getSamples(0, 0, image.getWidth(), image.getHeight(), 0, out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
