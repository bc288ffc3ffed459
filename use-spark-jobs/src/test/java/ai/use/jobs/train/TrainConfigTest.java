package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.config.TrainKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
  @Test
  void defaultsComeFromTheKeys() {
    TrainConfig c = TrainConfig.from(Map.of());
    assertThat(c.partitions()).isEqualTo(2);
    assertThat(c.localSteps()).isEqualTo(16);
    assertThat(c.outerLr()).isEqualTo(1.0);
    assertThat(c.failOnce()).isNull();
    assertThat(c.trajectory()).doesNotContainKey(TrainKeys.ROUNDS.name());
  }

  @Test
  void badValuesFailNamingTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> TrainConfig.from(Map.of("spark.use.train.partitions", "0")))
        .hasMessageContaining("spark.use.train.partitions")
        .hasMessageContaining("'0'")
        .hasMessageContaining("an integer in [1, 4096]");
    assertThatThrownBy(() -> TrainConfig.from(Map.of("spark.use.train.nesterov", "true")))
        .hasMessageContaining("spark.use.train.nesterov=true needs spark.use.train.outerMomentum");
    assertThatThrownBy(() -> TrainConfig.from(Map.of("spark.use.train.promptTemplate", "a photo")))
        .hasMessageContaining("must contain {}");
    assertThatThrownBy(
            () ->
                TrainConfig.from(
                    Map.of("spark.use.train.useClip", "false", "spark.use.train.useDino", "false")))
        .hasMessageContaining("at least one backbone");
    assertThatThrownBy(() -> TrainConfig.from(Map.of(TrainConfig.FAIL_ONCE_KEY, "x")))
        .hasMessageContaining("round:partition");
  }

  @Test
  void withRoundsChangesOnlyTheRoundCount() {
    TrainConfig c = TrainConfig.from(Map.of("spark.use.train.seed", "7"));
    TrainConfig more = c.withRounds(99);
    assertThat(more.rounds()).isEqualTo(99);
    assertThat(more.trajectory()).isEqualTo(c.trajectory());
  }
}
