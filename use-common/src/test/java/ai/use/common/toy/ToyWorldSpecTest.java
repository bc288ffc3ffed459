package ai.use.common.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ToyWorldSpecTest {

  @Test
  void defaultsAreTheDocumentedWorld() {
    ToyWorldSpec spec = ToyWorldSpec.defaults(7);

    assertThat(spec)
        .isEqualTo(new ToyWorldSpec(ToyWorldSpec.SPEC_VERSION, 7, 240, 60, 320, 240, 200));
    assertThat(spec.images(ToySplit.TRAIN)).isEqualTo(240);
    assertThat(spec.images(ToySplit.HELDOUT)).isEqualTo(60);
    assertThat(ToyWorldSpec.small(7, 3, 2).minHeldoutObjects()).isZero();
  }

  @Test
  void rejectsAnotherSpecVersion() {
    assertThatThrownBy(() -> new ToyWorldSpec(2, 1, 1, 1, 320, 240, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spec_version 2 is not supported: this generator writes spec_version 1");
  }

  @Test
  void rejectsBadCountsAndSizes() {
    assertThatThrownBy(() -> new ToyWorldSpec(1, 1, -1, 1, 320, 240, 0))
        .hasMessage("trainImages -1 is out of range: allowed 0..99999");
    assertThatThrownBy(() -> new ToyWorldSpec(1, 1, 1, 100_000, 320, 240, 0))
        .hasMessage("heldoutImages 100000 is out of range: allowed 0..99999");
    assertThatThrownBy(() -> new ToyWorldSpec(1, 1, 1, 1, 100, 240, 0))
        .hasMessage("width 100 is out of range: allowed 200..4096 pixels");
    assertThatThrownBy(() -> new ToyWorldSpec(1, 1, 1, 1, 320, 5000, 0))
        .hasMessage("height 5000 is out of range: allowed 160..4096 pixels");
  }

  @Test
  void rejectsAHeldoutObjectFloorNoSplitCanMeet() {
    assertThatThrownBy(() -> new ToyWorldSpec(1, 1, 240, 10, 320, 240, 200))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "minHeldoutObjects 200 cannot be met: 10 held-out images hold at most 50 objects"
                + " (allowed 0..50)");
  }
}
