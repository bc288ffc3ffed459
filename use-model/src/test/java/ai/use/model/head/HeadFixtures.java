package ai.use.model.head;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.model.image.Geometry;
import ai.use.model.vit.VitFeatures;
import java.util.Random;

/** Random backbone features, masks and head weights for head tests. */
final class HeadFixtures {
  static final int HEIGHT = 30;
  static final int WIDTH = 45;

  /** CLIP-like: 2 blocks of width 12 on a 6x6 grid of a 48-pixel input. */
  static final HeadDims DIMS = new HeadDims(2, 12, 3, 10, 8);

  private HeadFixtures() {}

  static VitFeatures clip(long seed) {
    return features(seed, 2, 12, 6, 48);
  }

  static VitFeatures dino(long seed) {
    return features(seed, 3, 10, 4, 56);
  }

  static VitFeatures features(long seed, int k, int c, int grid, int size) {
    Random r = new Random(seed);
    int t = 1 + grid * grid;
    float[] hidden = new float[k * t * c];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = (float) (2 * r.nextGaussian() + 0.5);
    }
    return new VitFeatures(
        k, t, c, hidden, 0, new float[0], grid, Geometry.longestSide(HEIGHT, WIDTH, size));
  }

  /** A random blob mask of the {@value #HEIGHT}x{@value #WIDTH} image. */
  static Rle mask(long seed) {
    Random r = new Random(seed);
    BinaryMask m = new BinaryMask(HEIGHT, WIDTH);
    int cy = r.nextInt(HEIGHT);
    int cx = r.nextInt(WIDTH);
    int ry = 2 + r.nextInt(10);
    int rx = 2 + r.nextInt(14);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        double dy = (y - cy) / (double) ry;
        double dx = (x - cx) / (double) rx;
        m.set(y, x, dy * dy + dx * dx <= 1 || (x == cx && y == cy));
      }
    }
    return CocoRle.encode(m);
  }

  /** Initial weights with every parameter perturbed, so LN affine and block scales matter. */
  static float[] weights(HeadConfig config, long seed) {
    float[] w = UseHead.initialWeights(config, seed);
    Random r = new Random(seed + 1);
    for (int i = 0; i < w.length; i++) {
      w[i] += (float) (0.3 * r.nextGaussian());
    }
    return w;
  }
}
