package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void firstStepMovesEachWeightByTheLearningRateAndDecaysOnlyMarkedWeights() {
    float[] w = {1f, 1f, -2f};
    float[] g = {0.5f, 0.5f, -4f};
    AdamWState s =
        AdamW.step(w, g, AdamWState.initial(3), 0.1, 0.01, new boolean[] {true, false, false});
    // step 1: m̂ = g, v̂ = g², so the update is lr · sign(g) (up to ε)
    assertThat((double) w[0]).isCloseTo(1 * (1 - 0.1 * 0.01) - 0.1, within(1e-6));
    assertThat((double) w[1]).isCloseTo(0.9, within(1e-6));
    assertThat((double) w[2]).isCloseTo(-1.9, within(1e-6));
    assertThat(s.step()).isEqualTo(1);
    assertThat((double) s.m()[2]).isCloseTo(-0.4, within(1e-6));
    assertThat((double) s.v()[2]).isCloseTo(0.016, within(1e-7));
  }

  @Test
  void secondStepUsesBiasCorrectedMoments() {
    float[] w = {0f};
    AdamWState s = AdamW.step(w, new float[] {1f}, AdamWState.initial(1), 0.1, 0, new boolean[1]);
    s = AdamW.step(w, new float[] {-1f}, s, 0.1, 0, new boolean[1]);
    double m = 0.9 * 0.1 - 0.1;
    double v = 0.999 * 0.001 + 0.001;
    double expected = -0.1 - 0.1 / (1 - 0.81) * m / (Math.sqrt(v) / Math.sqrt(1 - 0.998001) + 1e-8);
    assertThat((double) w[0]).isCloseTo(expected, within(1e-6));
  }

  @Test
  void stateRoundTripsThroughBytesAndRejectsOtherBytes() {
    AdamWState s =
        new AdamWState(7, new float[] {1.5f, -0f, Float.MIN_VALUE}, new float[] {2, 3, 4});
    AdamWState back = AdamWState.fromBytes(s.toBytes());
    assertThat(back.step()).isEqualTo(7);
    assertThat(back.m()).containsExactly(s.m());
    assertThat(back.v()).containsExactly(s.v());
    assertThatThrownBy(() -> AdamWState.fromBytes(new byte[25])).hasMessageContaining("bad magic");
    byte[] truncated = java.util.Arrays.copyOf(s.toBytes(), 30);
    assertThatThrownBy(() -> AdamWState.fromBytes(truncated))
        .hasMessageContaining("AdamW state of 3 values needs 44 bytes, got 30");
  }
}
