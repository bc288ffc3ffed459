package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSamplerTest {

  @Test
  void everyEpochVisitsEachExampleOnceInASeededOrder() {
    BatchSampler s = new BatchSampler(5, 10, 4);
    int[] epoch0 = new int[10];
    int[] epoch1 = new int[10];
    Set<Integer> seen0 = new HashSet<>();
    Set<Integer> seen1 = new HashSet<>();
    for (int q = 0; q < 10; q++) {
      epoch0[q] = s.example(q);
      epoch1[q] = s.example(10 + q);
      seen0.add(epoch0[q]);
      seen1.add(epoch1[q]);
    }
    assertThat(seen0).hasSize(10);
    assertThat(seen1).hasSize(10);
    assertThat(epoch1).isNotEqualTo(epoch0);
    assertThat(
            new BatchSampler(6, 10, 4).example(3) == epoch0[3]
                && new BatchSampler(6, 10, 4).example(4) == epoch0[4]
                && new BatchSampler(6, 10, 4).example(5) == epoch0[5])
        .as("another seed, another order")
        .isFalse();
  }

  @Test
  void aStepsBatchDependsOnlyOnSeedAndStep() {
    BatchSampler continuing = new BatchSampler(9, 7, 3);
    for (long t = 0; t < 5; t++) {
      for (int i = 0; i < 3; i++) {
        continuing.example(continuing.position(t, i));
      }
    }
    BatchSampler fresh = new BatchSampler(9, 7, 3);
    for (int i = 0; i < 3; i++) {
      long q = fresh.position(5, i);
      assertThat(fresh.example(q)).isEqualTo(continuing.example(continuing.position(5, i)));
      assertThat(fresh.text(q, 3)).isEqualTo(continuing.text(q, 3)).isBetween(0, 2);
    }
    assertThat(new BatchSampler(1, 3, 8).batchSize()).isEqualTo(3);
  }

  @Test
  void textChoiceUsesEveryAlternative() {
    BatchSampler s = new BatchSampler(2, 10, 4);
    Set<Integer> chosen = new HashSet<>();
    for (long q = 0; q < 100; q++) {
      chosen.add(s.text(q, 3));
    }
    assertThat(chosen).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void partitionSeedsAreStableAndDistinct() {
    Set<Long> seeds = new HashSet<>();
    for (int p = 0; p < 64; p++) {
      seeds.add(TrainOptions.partitionSeed(42, p));
    }
    assertThat(seeds).hasSize(64);
    assertThat(TrainOptions.partitionSeed(42, 3)).isEqualTo(TrainOptions.partitionSeed(42, 3));
    assertThat(TrainOptions.partitionSeed(43, 3)).isNotEqualTo(TrainOptions.partitionSeed(42, 3));
  }
}
