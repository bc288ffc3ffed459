package ai.use.model.train;

import ai.use.model.head.HeadDims;
import ai.use.model.head.PooledFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small synthetic training problem: {@value #CLASSES} classes, each a random prototype in every
 * feature slot plus noise, paired with its class text (id = class) and, for every third segment,
 * also a second text (id = 100 + class).
 */
final class SyntheticShard {
  static final HeadDims DIMS = new HeadDims(2, 6, 2, 5, 8);
  static final int CLASSES = 6;

  final List<TrainingExample> examples = new ArrayList<>();
  final List<PooledFeatures> features = new ArrayList<>();
  final int[] labels;
  final float[][] classTexts = new float[CLASSES][];

  SyntheticShard(int n, long seed) {
    Random protoRandom = new Random(99); // the same classes for every shard
    float[][][] proto = new float[CLASSES][4][];
    float[][] synonyms = new float[CLASSES][];
    int[] sizes = {12, 10, 6, 5};
    for (int c = 0; c < CLASSES; c++) {
      for (int s = 0; s < 4; s++) {
        proto[c][s] = gaussian(protoRandom, sizes[s], 1);
      }
      classTexts[c] = gaussian(protoRandom, DIMS.textWidth(), 1);
      synonyms[c] = gaussian(protoRandom, DIMS.textWidth(), 1);
    }
    Random r = new Random(seed);
    labels = new int[n];
    for (int i = 0; i < n; i++) {
      int c = r.nextInt(CLASSES);
      labels[i] = c;
      float[][] slots = new float[4][];
      for (int s = 0; s < 4; s++) {
        float[] noise = gaussian(r, sizes[s], 0.5);
        slots[s] = new float[sizes[s]];
        for (int j = 0; j < sizes[s]; j++) {
          slots[s][j] = proto[c][s][j] + noise[j];
        }
      }
      PooledFeatures f = new PooledFeatures(slots[0], slots[1], slots[2], slots[3]);
      features.add(f);
      if (i % 3 == 0) {
        examples.add(
            new TrainingExample(
                f, new float[][] {classTexts[c], synonyms[c]}, new long[] {c, 100 + c}));
      } else {
        examples.add(new TrainingExample(f, new float[][] {classTexts[c]}, new long[] {c}));
      }
    }
  }

  private static float[] gaussian(Random r, int n, double scale) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (scale * r.nextGaussian());
    }
    return x;
  }
}
