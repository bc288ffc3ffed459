package ai.use.common.toy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Random;

/**
 * Paints a scene: flat vocabulary colours on the object parts and, elsewhere, a mildly textured
 * grey background (smooth value noise of amplitude {@link #NOISE_AMPLITUDE} on a {@link
 * #CELL}-pixel grid plus per-pixel grain of ±{@link #GRAIN}) around {@link
 * ToyColour#BACKGROUND_RGB}.
 */
final class ScenePainter {
  static final int CELL = 32;
  static final int NOISE_AMPLITUDE = 10;
  static final int GRAIN = 3;

  private ScenePainter() {}

  /** A {@code TYPE_3BYTE_BGR} image of the scene; background draws come from {@code random}. */
  static BufferedImage paint(Scene scene, Random random) {
    int width = scene.width();
    int height = scene.height();
    int gridW = width / CELL + 2;
    int gridH = height / CELL + 2;
    double[] grid = new double[gridW * gridH];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = (random.nextDouble() * 2 - 1) * NOISE_AMPLITUDE;
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = y * width + x;
        int grain = random.nextInt(2 * GRAIN + 1) - GRAIN;
        int code = scene.owner()[i];
        int r;
        int g;
        int b;
        if (code >= 0) {
          SceneObject object = scene.objects().get(Scene.objectIndexOf(code));
          ToyColour colour = object.colourOf(Scene.partOf(code));
          r = colour.red();
          g = colour.green();
          b = colour.blue();
        } else {
          int shade = (int) Math.round(noise(grid, gridW, x, y)) + grain;
          r = ToyColour.BACKGROUND_RGB[0] + shade;
          g = ToyColour.BACKGROUND_RGB[1] + shade;
          b = ToyColour.BACKGROUND_RGB[2] + shade;
        }
        bgr[3 * i] = (byte) b;
        bgr[3 * i + 1] = (byte) g;
        bgr[3 * i + 2] = (byte) r;
      }
    }
    return image;
  }

  /** Bilinear interpolation of the noise grid at pixel (x, y). */
  private static double noise(double[] grid, int gridW, int x, int y) {
    double gx = (x + 0.5) / CELL;
    double gy = (y + 0.5) / CELL;
    int x0 = (int) gx;
    int y0 = (int) gy;
    double fx = gx - x0;
    double fy = gy - y0;
    double top = grid[y0 * gridW + x0] * (1 - fx) + grid[y0 * gridW + x0 + 1] * fx;
    double bottom = grid[(y0 + 1) * gridW + x0] * (1 - fx) + grid[(y0 + 1) * gridW + x0 + 1] * fx;
    return top * (1 - fy) + bottom * fy;
  }
}
