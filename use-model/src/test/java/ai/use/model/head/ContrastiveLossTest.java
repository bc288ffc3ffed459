package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContrastiveLossTest {
  private static final int B = 6;
  private static final int D = 5;

  /** The loss in closed form: masked pairs are left out of both softmaxes. */
  private static double closedForm(float[][] s, float[][] t, long[] ids, double logitScale) {
    double scale = Math.exp(Math.max(0, Math.min(Math.log(100), logitScale)));
    double[][] tn = new double[B][D];
    for (int i = 0; i < B; i++) {
      double n = 0;
      for (float v : t[i]) {
        n += v * v;
      }
      for (int k = 0; k < D; k++) {
        tn[i][k] = t[i][k] / Math.sqrt(n);
      }
    }
    double[][] l = new double[B][B];
    for (int i = 0; i < B; i++) {
      for (int j = 0; j < B; j++) {
        for (int k = 0; k < D; k++) {
          l[i][j] += s[i][k] * tn[j][k];
        }
        l[i][j] *= scale;
      }
    }
    double rows = 0;
    double cols = 0;
    for (int i = 0; i < B; i++) {
      double zr = 0;
      double zc = 0;
      for (int j = 0; j < B; j++) {
        if (j == i || ids[j] != ids[i]) {
          zr += Math.exp(l[i][j]);
          zc += Math.exp(l[j][i]);
        }
      }
      rows += -(l[i][i] - Math.log(zr));
      cols += -(l[i][i] - Math.log(zc));
    }
    return (rows / B + cols / B) / 2;
  }

  private static float[][] unitRows(Random r) {
    float[][] x = new float[B][D];
    for (int i = 0; i < B; i++) {
      double n = 0;
      for (int k = 0; k < D; k++) {
        x[i][k] = (float) r.nextGaussian();
        n += x[i][k] * x[i][k];
      }
      for (int k = 0; k < D; k++) {
        x[i][k] /= (float) Math.sqrt(n);
      }
    }
    return x;
  }

  private static float[][] rows(Random r, double scale) {
    float[][] x = new float[B][D];
    for (int i = 0; i < B; i++) {
      for (int k = 0; k < D; k++) {
        x[i][k] = (float) (scale * r.nextGaussian());
      }
    }
    return x;
  }

  private static float[] flat(float[][] x) {
    float[] f = new float[B * D];
    for (int i = 0; i < B; i++) {
      System.arraycopy(x[i], 0, f, i * D, D);
    }
    return f;
  }

  private static double loss(NDManager m, float[][] s, float[][] t, long[] ids, float logitScale) {
    NDArray value =
        new ContrastiveLoss()
            .evaluate(
                new NDList(m.create(flat(t), new Shape(B, D)), m.create(ids)),
                new NDList(m.create(flat(s), new Shape(B, D)), m.create(new float[] {logitScale})));
    return value.getFloat();
  }

  @Test
  void equalsTheClosedFormWithAndWithoutDuplicateTexts() {
    Random r = new Random(1);
    try (NDManager m = NDManager.newBaseManager()) {
      for (long[] ids : new long[][] {{1, 2, 3, 4, 5, 6}, {1, 2, 1, 4, 2, 1}, {9, 9, 9, 9, 9, 8}}) {
        for (float logitScale : new float[] {(float) Math.log(1 / 0.07), 0.5f}) {
          float[][] s = unitRows(r);
          float[][] t = rows(r, 3); // texts arrive unnormalized
          assertThat(loss(m, s, t, ids, logitScale))
              .as("ids %s scale %s", java.util.Arrays.toString(ids), logitScale)
              .isCloseTo(closedForm(s, t, ids, logitScale), within(1e-5));
        }
      }
    }
  }

  @Test
  void duplicatesChangeTheLossOnlyThroughTheMask() {
    Random r = new Random(2);
    float[][] s = unitRows(r);
    float[][] t = rows(r, 1);
    try (NDManager m = NDManager.newBaseManager()) {
      double distinct = loss(m, s, t, new long[] {1, 2, 3, 4, 5, 6}, 2.6f);
      double dup = loss(m, s, t, new long[] {1, 2, 1, 4, 5, 6}, 2.6f);
      assertThat(dup).isNotCloseTo(distinct, within(1e-4));
      assertThat(dup).isCloseTo(closedForm(s, t, new long[] {1, 2, 1, 4, 5, 6}, 2.6), within(1e-5));
    }
  }

  @Test
  void temperatureIsClampedToItsBounds() {
    Random r = new Random(3);
    float[][] s = unitRows(r);
    float[][] t = rows(r, 1);
    long[] ids = {1, 2, 3, 4, 5, 6};
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(loss(m, s, t, ids, 9f))
          .isCloseTo(loss(m, s, t, ids, ContrastiveLoss.MAX_LOGIT_SCALE), within(1e-6));
      assertThat(loss(m, s, t, ids, -3f)).isCloseTo(loss(m, s, t, ids, 0f), within(1e-6));
      assertThat(loss(m, s, t, ids, -3f)).isNotCloseTo(loss(m, s, t, ids, 9f), within(1e-3));
    }
  }

  @Test
  void gradientOfTheTemperatureMatchesAFiniteDifference() {
    Random r = new Random(4);
    float[][] s = unitRows(r);
    float[][] t = rows(r, 1);
    long[] ids = {1, 2, 1, 4, 5, 6};
    double x = 1.7;
    double numeric = (closedForm(s, t, ids, x + 1e-4) - closedForm(s, t, ids, x - 1e-4)) / 2e-4;
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray scale = m.create(new float[] {(float) x});
      scale.setRequiresGradient(true);
      try (GradientCollector gc = m.getEngine().newGradientCollector()) {
        NDArray value =
            ContrastiveLoss.compute(
                m.create(flat(s), new Shape(B, D)),
                m.create(flat(t), new Shape(B, D)),
                m.create(ids),
                scale);
        gc.backward(value);
      }
      assertThat((double) scale.getGradient().getFloat()).isCloseTo(numeric, within(1e-4));
    }
  }
}
