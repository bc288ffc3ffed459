package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundSeedsTest {
  @Test
  void seedsAreAFunctionOfSeedAndPartitionAndDistinctAcrossThem() {
    assertThat(RoundSeeds.of(42, 1)).isEqualTo(RoundSeeds.of(42, 1));
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 50; seed++) {
      for (int p = 0; p < 64; p++) {
        seen.add(RoundSeeds.of(seed, p));
      }
    }
    assertThat(seen).hasSize(50 * 64);
  }
}
