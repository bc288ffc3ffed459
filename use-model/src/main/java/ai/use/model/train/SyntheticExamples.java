package ai.use.model.train;

import ai.use.model.head.HeadDims;
import ai.use.model.head.PooledFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Synthetic training examples of any head shape, for benchmarks: {@code classes} classes, each a
 * random prototype per feature slot plus Gaussian noise (σ 0.5), paired with its class's random
 * text embedding (text id = class). Same arguments → same floats.
 */
public final class SyntheticExamples {
  private SyntheticExamples() {}

  /** {@code n} examples of {@code dims} from {@code classes} classes. */
  public static List<TrainingExample> of(HeadDims dims, int n, int classes, long seed) {
    int[] sizes = {
      dims.clipBlocks() * dims.clipWidth(),
      dims.dinoBlocks() * dims.dinoWidth(),
      dims.clipWidth(),
      dims.dinoWidth()
    };
    Random protoRandom = new Random(seed);
    float[][][] proto = new float[classes][4][];
    float[][] texts = new float[classes][];
    for (int c = 0; c < classes; c++) {
      for (int s = 0; s < 4; s++) {
        proto[c][s] = gaussian(protoRandom, sizes[s], 1);
      }
      texts[c] = gaussian(protoRandom, dims.textWidth(), 1);
    }
    Random r = new Random(seed + 1);
    List<TrainingExample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(classes);
      float[][] slots = new float[4][];
      for (int s = 0; s < 4; s++) {
        slots[s] = gaussian(r, sizes[s], 0.5);
        for (int j = 0; j < sizes[s]; j++) {
          slots[s][j] += proto[c][s][j];
        }
      }
      out.add(
          new TrainingExample(
              new PooledFeatures(slots[0], slots[1], slots[2], slots[3]),
              new float[][] {texts[c]},
              new long[] {c}));
    }
    return out;
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * r.nextGaussian());
    }
    return x;
  }
}
