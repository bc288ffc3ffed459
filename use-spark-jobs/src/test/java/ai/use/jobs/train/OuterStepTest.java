package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OuterStepTest {

  @Test
  void oneWorkerWithLrOneAndNoMomentumReturnsItsWeightsBitForBit() {
    Random random = new Random(7);
    int n = 100_000;
    float[] w = new float[n];
    float[] local = new float[n];
    for (int i = 0; i < n; i++) {
      // mix magnitudes from 1e-30 to 1e6 so exponents differ widely between W and W'
      w[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(37) - 30));
      local[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(37) - 30));
    }
    local[0] = -0f;
    w[1] = 0f;
    float[] next = new OuterStep(1.0, 0.0, false).apply(w, List.of(local), new double[n]);
    assertThat(bits(next)).isEqualTo(bits(local));
  }

  @Test
  void averagesTheDeltasOfPartitionsWithExamplesAndAppliesTheOuterLr() {
    float[] w = {1f, 2f};
    List<float[]> local = Arrays.asList(new float[] {2f, 2f}, null, new float[] {1f, 4f});
    float[] next = new OuterStep(0.5, 0.0, false).apply(w, local, new double[2]);
    // mean delta = (0.5, 1.0); times 0.5
    assertThat(next).containsExactly(1.25f, 2.5f);
  }

  @Test
  void momentumAndNesterovFollowTheirFormulas() {
    double[] m = new double[1];
    OuterStep heavyBall = new OuterStep(1.0, 0.5, false);
    float[] w1 = heavyBall.apply(new float[] {0f}, List.of(new float[] {1f}), m);
    assertThat(w1).containsExactly(1f); // m = 1
    float[] w2 = heavyBall.apply(w1, List.of(new float[] {2f}), m);
    assertThat(m[0]).isEqualTo(1.5); // 0.5 * 1 + 1
    assertThat(w2).containsExactly(2.5f);

    double[] n = new double[1];
    float[] v = new OuterStep(1.0, 0.5, true).apply(new float[] {0f}, List.of(new float[] {1f}), n);
    assertThat(v).containsExactly(1.5f); // d + mu * m = 1 + 0.5 * 1
  }

  @Test
  void failsWhenNoPartitionHadExamplesOrWidthsDiffer() {
    OuterStep step = new OuterStep(1.0, 0.0, false);
    assertThatThrownBy(() -> step.apply(new float[1], Arrays.asList(null, null), new double[1]))
        .hasMessageContaining("no partition had examples");
    assertThatThrownBy(() -> step.apply(new float[1], List.of(new float[2]), new double[1]))
        .hasMessageContaining("returned 2 weights, expected 1");
  }

  private static int[] bits(float[] a) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Float.floatToRawIntBits(a[i]);
    }
    return out;
  }
}
