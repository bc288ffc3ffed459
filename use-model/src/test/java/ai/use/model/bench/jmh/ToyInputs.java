package ai.use.model.bench.jmh;

import ai.use.common.mask.BinaryMask;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Deterministic inputs of toy-world sizes for the benchmarks: a 320×240 RGB image with a few
 * coloured shapes on a noisy background, its RGB float planes, and masks made of elliptical blobs.
 */
final class ToyInputs {
  /** Toy-world image height. */
  static final int HEIGHT = 240;

  /** Toy-world image width. */
  static final int WIDTH = 320;

  private ToyInputs() {}

  /**
   * An ellipse in pixel coordinates.
   *
   * @param cy centre row
   * @param cx centre column
   * @param ry half-height
   * @param rx half-width
   */
  record Blob(double cy, double cx, double ry, double rx) {
    Blob shifted(double dy, double dx) {
      return new Blob(cy + dy, cx + dx, ry, rx);
    }
  }

  /** A {@code TYPE_3BYTE_BGR} image of {@code height × width}: noise plus a few filled shapes. */
  static BufferedImage image(int height, int width, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bytes = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (96 + random.nextInt(64));
    }
    Graphics2D g = image.createGraphics();
    try {
      for (int i = 0; i < 6; i++) {
        g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
        int w = width / 8 + random.nextInt(width / 4);
        int h = height / 8 + random.nextInt(height / 4);
        int x = random.nextInt(width - w);
        int y = random.nextInt(height - h);
        if (i % 2 == 0) {
          g.fillOval(x, y, w, h);
        } else {
          g.fillRect(x, y, w, h);
        }
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The R, G and B planes ({@code [3, H, W]}, 0..255) of a {@code TYPE_3BYTE_BGR} image. */
  static float[] rgbPlanes(BufferedImage bgr) {
    byte[] bytes = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    int plane = bgr.getHeight() * bgr.getWidth();
    float[] planes = new float[3 * plane];
    for (int i = 0; i < plane; i++) {
      planes[i] = bytes[3 * i + 2] & 0xff;
      planes[plane + i] = bytes[3 * i + 1] & 0xff;
      planes[2 * plane + i] = bytes[3 * i] & 0xff;
    }
    return planes;
  }

  /**
   * {@code count} blobs inside {@code height × width}, each 4–12 % of the shorter side in radius,
   * like the objects of a toy-world image.
   */
  static List<Blob> blobs(int height, int width, int count, long seed) {
    Random random = new Random(seed);
    int side = Math.min(height, width);
    List<Blob> blobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double ry = side * (0.04 + 0.08 * random.nextDouble());
      double rx = side * (0.04 + 0.08 * random.nextDouble());
      double cy = ry + random.nextDouble() * (height - 2 * ry);
      double cx = rx + random.nextDouble() * (width - 2 * rx);
      blobs.add(new Blob(cy, cx, ry, rx));
    }
    return blobs;
  }

  /** A mask with every pixel inside one of the blobs set. */
  static BinaryMask mask(int height, int width, List<Blob> blobs) {
    BinaryMask mask = new BinaryMask(height, width);
    for (Blob b : blobs) {
      int y0 = Math.max(0, (int) Math.floor(b.cy() - b.ry()));
      int y1 = Math.min(height - 1, (int) Math.ceil(b.cy() + b.ry()));
      int x0 = Math.max(0, (int) Math.floor(b.cx() - b.rx()));
      int x1 = Math.min(width - 1, (int) Math.ceil(b.cx() + b.rx()));
      for (int y = y0; y <= y1; y++) {
        double dy = (y + 0.5 - b.cy()) / b.ry();
        for (int x = x0; x <= x1; x++) {
          double dx = (x + 0.5 - b.cx()) / b.rx();
          if (dx * dx + dy * dy <= 1) {
            mask.set(y, x, true);
          }
        }
      }
    }
    return mask;
  }

  /** Every blob moved by {@code (dy, dx)}: a second, overlapping mask for IoU. */
  static List<Blob> shifted(List<Blob> blobs, double dy, double dx) {
    return blobs.stream().map(b -> b.shifted(dy, dx)).toList();
  }
}
