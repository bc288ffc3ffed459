package ai.use.jobs.demo;

import ai.use.common.mask.BinaryMask;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * Turns label maps and masks into pictures: a fixed colour per class id (0 = ignore, drawn black)
 * and masks tinted over an image.
 */
final class LabelMapPainter {
  private static final int[] PALETTE = {
    0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0, 0xF032E6,
    0xBCF60C, 0xFABEBE, 0x008080, 0xE6BEFF, 0x9A6324, 0xFFFAC8, 0x800000, 0xAAFFC3
  };

  private LabelMapPainter() {}

  /** The RGB colour of class {@code id} ({@code 0} and negative ids are black). */
  static int colour(int id) {
    return id <= 0 ? 0x000000 : PALETTE[(id - 1) % PALETTE.length];
  }

  /** Class ids of a label map (8- or 16-bit grey PNG raster), row-major {@code [h][w]}. */
  static int[][] classIds(BufferedImage labelMap) {
    Raster raster = labelMap.getRaster();
    int[][] ids = new int[labelMap.getHeight()][labelMap.getWidth()];
    for (int y = 0; y < ids.length; y++) {
      for (int x = 0; x < ids[y].length; x++) {
        ids[y][x] = raster.getSample(x, y, 0);
      }
    }
    return ids;
  }

  /** A colour picture of class ids. */
  static BufferedImage paint(int[][] ids) {
    int h = ids.length;
    int w = h == 0 ? 0 : ids[0].length;
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, colour(ids[y][x]));
      }
    }
    return out;
  }

  /**
   * {@code image} with {@code mask} tinted in {@code rgb} at 55 % opacity and its outline solid.
   */
  static BufferedImage tint(BufferedImage image, BinaryMask mask, int rgb) {
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int p = image.getRGB(x, y) & 0xFFFFFF;
        boolean inside = y < mask.height() && x < mask.width() && mask.get(y, x);
        if (inside && edge(mask, y, x)) {
          out.setRGB(x, y, rgb);
        } else if (inside) {
          out.setRGB(x, y, blend(p, rgb, 0.55));
        } else {
          out.setRGB(x, y, blend(p, 0x000000, 0.35));
        }
      }
    }
    return out;
  }

  private static boolean edge(BinaryMask mask, int y, int x) {
    return y == 0
        || x == 0
        || y == mask.height() - 1
        || x == mask.width() - 1
        || !mask.get(y - 1, x)
        || !mask.get(y + 1, x)
        || !mask.get(y, x - 1)
        || !mask.get(y, x + 1);
  }

  private static int blend(int base, int over, double alpha) {
    int r = (int) Math.round(((base >> 16) & 0xFF) * (1 - alpha) + ((over >> 16) & 0xFF) * alpha);
    int g = (int) Math.round(((base >> 8) & 0xFF) * (1 - alpha) + ((over >> 8) & 0xFF) * alpha);
    int b = (int) Math.round((base & 0xFF) * (1 - alpha) + (over & 0xFF) * alpha);
    return (r << 16) | (g << 8) | b;
  }
}
