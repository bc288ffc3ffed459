package ai.use.common.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;

/** Fixtures for the image tests, written with ImageIO or read from {@code /images/}. */
final class TestImages {
  private TestImages() {}

  /** Packed 0xRRGGBB colours used by the quadrant pictures. */
  static final int RED = 0xFF0000;

  static final int GREEN = 0x00FF00;
  static final int BLUE = 0x0000FF;
  static final int WHITE = 0xFFFFFF;

  /** A picture of {@code width x height} with four flat quadrants. */
  static BufferedImage quadrants(int width, int height, int tl, int tr, int bl, int br) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        boolean left = x < width / 2;
        boolean top = y < height / 2;
        image.setRGB(x, y, top ? (left ? tl : tr) : (left ? bl : br));
      }
    }
    return image;
  }

  /** An RGB picture of uniform noise (incompressible, so a cut file is really cut). */
  static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  /** A 16-bit RGB image ({@code TYPE_CUSTOM}, three unsigned shorts per pixel). */
  static BufferedImage rgb16(int width, int height) {
    ImageTypeSpecifier type =
        ImageTypeSpecifier.createInterleaved(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
            new int[] {0, 1, 2},
            DataBuffer.TYPE_USHORT,
            false,
            false);
    return type.createBufferedImage(width, height);
  }

  /** A grey + alpha image, 8 bits per sample. */
  static BufferedImage grayAlpha(int width, int height) {
    return ImageTypeSpecifier.createGrayscale(8, DataBuffer.TYPE_BYTE, false, false)
        .createBufferedImage(width, height);
  }

  static byte[] png(BufferedImage image) {
    return write(image, "png");
  }

  static byte[] write(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no " + format + " writer for image type " + image);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A baseline JPEG written by the JDK writer at the given quality (0..1). */
  static byte[] jpeg(BufferedImage image, float quality) {
    return jpeg(image, quality, false);
  }

  /** A JPEG written by the JDK writer, progressive if asked. */
  static byte[] jpeg(BufferedImage image, float quality, boolean progressive) {
    ImageWriter writer = jdkJpegWriter();
    try {
      ImageWriteParam param = writer.getDefaultWriteParam();
      if (progressive) {
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      } else {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
      }
      return writeWith(writer, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /**
   * A YCCK JPEG (Adobe APP14 transform 2) of a {@code width x height} picture with four flat CMYK
   * quadrants, each given as {c, m, y, k} in 0..255. The JDK writer writes a 4-band raster as is
   * and labels it YCCK, so the raster holds what libjpeg's CMYK-to-YCCK conversion would produce
   * for Adobe-style (inverted) CMYK: Y/Cb/Cr of (R, G, B) = (c, m, y), and K inverted.
   */
  static byte[] ycckJpeg(int width, int height, int[] tl, int[] tr, int[] bl, int[] br) {
    ImageWriter writer = jdkJpegWriter();
    try {
      WritableRaster raster =
          java.awt.image.Raster.createInterleavedRaster(
              DataBuffer.TYPE_BYTE, width, height, 4, null);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          boolean left = x < width / 2;
          boolean top = y < height / 2;
          int[] cmyk = top ? (left ? tl : tr) : (left ? bl : br);
          double r = cmyk[0];
          double g = cmyk[1];
          double b = cmyk[2];
          raster.setSample(x, y, 0, clamp(0.299 * r + 0.587 * g + 0.114 * b));
          raster.setSample(x, y, 1, clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128));
          raster.setSample(x, y, 2, clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128));
          raster.setSample(x, y, 3, 255 - cmyk[3]);
        }
      }
      ImageWriteParam param = writer.getDefaultWriteParam();
      ImageTypeSpecifier cmykType =
          new ImageTypeSpecifier(
              new java.awt.image.ComponentColorModel(
                  new GenericCmyk(),
                  false,
                  false,
                  java.awt.Transparency.OPAQUE,
                  DataBuffer.TYPE_BYTE),
              raster.getSampleModel());
      // Default metadata for a four-channel colour space: Adobe APP14 with transform 2 (YCCK).
      IIOMetadata metadata = writer.getDefaultImageMetadata(cmykType, param);
      return writeWith(writer, new IIOImage(raster, null, metadata), param);
    } finally {
      writer.dispose();
    }
  }

  private static int clamp(double v) {
    return (int) Math.round(Math.max(0, Math.min(255, v)));
  }

  private static ImageWriter jdkJpegWriter() {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    while (writers.hasNext()) {
      ImageWriter writer = writers.next();
      if (writer.getClass().getName().startsWith("com.sun.")) {
        return writer;
      }
      writer.dispose();
    }
    throw new IllegalStateException("the JDK JPEG writer is not installed");
  }

  private static byte[] writeWith(ImageWriter writer, IIOImage image, ImageWriteParam param) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A committed fixture from {@code src/test/resources/images/}. */
  static byte[] resource(String name) {
    try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /images/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pixel (x, y) of a decoded image as packed 0xRRGGBB, read from the BGR bytes. */
  static int rgbAt(DecodedImage image, int x, int y) {
    byte[] bgr = image.bgrBytes();
    int i = 3 * (y * image.width() + x);
    return (bgr[i + 2] & 0xFF) << 16 | (bgr[i + 1] & 0xFF) << 8 | (bgr[i] & 0xFF);
  }

  /** Largest per-channel difference between two packed 0xRRGGBB colours. */
  static int distance(int rgb1, int rgb2) {
    int max = 0;
    for (int shift = 0; shift <= 16; shift += 8) {
      max = Math.max(max, Math.abs((rgb1 >> shift & 0xFF) - (rgb2 >> shift & 0xFF)));
    }
    return max;
  }

  /** A naive CMYK colour space; only its type and component count matter to the JPEG writer. */
  private static final class GenericCmyk extends java.awt.color.ColorSpace {
    private static final long serialVersionUID = 1L;

    GenericCmyk() {
      super(TYPE_CMYK, 4);
    }

    @Override
    public float[] toRGB(float[] c) {
      return new float[] {
        (1 - c[0]) * (1 - c[3]), (1 - c[1]) * (1 - c[3]), (1 - c[2]) * (1 - c[3])
      };
    }

    @Override
    public float[] fromRGB(float[] rgb) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] toCIEXYZ(float[] c) {
      throw new UnsupportedOperationException();
    }

    @Override
    public float[] fromCIEXYZ(float[] xyz) {
      throw new UnsupportedOperationException();
    }
  }
}
