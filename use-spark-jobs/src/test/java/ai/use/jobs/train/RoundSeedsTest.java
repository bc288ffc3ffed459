package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundSeedsTest {
  @Test
  void seedsAreAFunctionOfSeedRoundAndPartitionAndDistinctAcrossThem() {
    assertThat(RoundSeeds.of(42, 3, 1)).isEqualTo(RoundSeeds.of(42, 3, 1));
    Set<Long> seen = new HashSet<>();
    for (long seed = 0; seed < 4; seed++) {
      for (int r = 0; r < 50; r++) {
        for (int p = 0; p < 8; p++) {
          seen.add(RoundSeeds.of(seed, r, p));
        }
      }
    }
    assertThat(seen).hasSize(4 * 50 * 8);
  }
}
