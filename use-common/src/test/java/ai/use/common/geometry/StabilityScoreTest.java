package ai.use.common.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StabilityScoreTest {

  @Test
  void handComputedScore() {
    // A 2x4 mask of logits, SAM defaults t = 0.0, o = 1.0.
    float[] logits = {
      -2.0f, -1.0f, -0.5f, 0.0f, //
      0.5f, 1.0f, 1.5f, 3.0f
    };
    // intersections = count(> 1.0)  = {1.5, 3.0}                          = 2 (1.0 itself is not >
    // 1.0)
    // unions        = count(> -1.0) = {-0.5, 0.0, 0.5, 1.0, 1.5, 3.0}      = 6 (-1.0 is not > -1.0)
    // score = 2 / 6 = 1/3
    assertThat(StabilityScore.of(logits, 0.0, 1.0)).isEqualTo(2.0 / 6);
  }

  @Test
  void cutOffsAreFloat32LikeTorch() {
    // t + o = 0.1 + 0.2 = 0.30000000000000004 in double, 0.3f in float32 (what torch compares with)
    // t - o = -0.1 -> -0.1f
    float[] logits = {0.3f, 0.31f, -0.1f, 0.0f};
    // intersections = count(> 0.3f)  = {0.31}            = 1 (in double, 0.3f >
    // 0.30000000000000004)
    // unions        = count(> -0.1f) = {0.3, 0.31, 0.0}  = 3
    assertThat(StabilityScore.of(logits, 0.1, 0.2)).isEqualTo(1.0 / 3);
  }

  @Test
  void emptyUnionGivesZeroNotNan() {
    // nothing above t - o = -1: torch would give 0 / 0 = NaN
    assertThat(StabilityScore.of(new float[] {-1.0f, -5.0f, Float.NaN}, 0.0, 1.0)).isZero();
    assertThat(StabilityScore.of(new float[0], 0.0, 1.0)).isZero();
  }

  @Test
  void zeroOffsetIsOneWheneverAnythingIsAboveTheThreshold() {
    assertThat(StabilityScore.of(new float[] {-1f, 0.5f, 2f}, 0.0, 0.0)).isEqualTo(1.0);
  }

  @Test
  void scoresOneMaskOfABatch() {
    // [N=2, H*W=3]; mask 1 = {2, -0.5, 0.5}: count(> 1) = 1, count(> -1) = 3 -> 1/3
    float[] batch = {5f, 5f, 5f, 2f, -0.5f, 0.5f};
    assertThat(StabilityScore.of(batch, 0, 3, 0.0, 1.0)).isEqualTo(1.0);
    assertThat(StabilityScore.of(batch, 3, 3, 0.0, 1.0)).isEqualTo(1.0 / 3);
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    assertThatThrownBy(() -> StabilityScore.of(new float[1], 0.0, -1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> StabilityScore.of(new float[1], Double.NaN, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maskThreshold must be finite, got NaN");
    assertThatThrownBy(() -> StabilityScore.of(new float[4], 2, 3, 0.0, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range from=2 length=3 is outside logits of length 4");
  }
}
