package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.config.TrainKeys;
import ai.use.jobs.testing.SharedSpark;
import ai.use.model.head.HeadArtifact;
import ai.use.model.head.UseHead;
import ai.use.model.train.PlainTrainer;
import ai.use.model.train.TrainOptions;
import ai.use.model.train.TrainingExample;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The train job on the toy world's ground-truth pairs (real pairs and features jobs, real head,
 * real Spark): learning, bit-identity (same seed, resume, P=1 vs the plain loop), P=2 vs P=1.
 */
class TrainJobIT {
  /** The head and optimizer settings of every run here (small head, as the toy world needs). */
  static final Map<String, String> BASE =
      Map.of(
          TrainKeys.HIDDEN_WIDTH.name(), "64",
          TrainKeys.BATCH_SIZE.name(), "32",
          TrainKeys.INNER_LR.name(), "0.003",
          TrainKeys.WEIGHT_DECAY.name(), "0.01",
          TrainKeys.CHECKPOINT_EVERY.name(), "1",
          TrainKeys.EVAL_EVERY.name(), "4");

  private final SparkSession spark = SharedSpark.get();
  private final ToyTrainingData data = ToyTrainingData.get();
  @TempDir Path tmp;

  @AfterEach
  void unset() {
    for (var key : TrainKeys.all()) {
      spark.conf().unset(key.name());
    }
  }

  private TrainResult train(
      String out, int partitions, int rounds, int steps, boolean resume, String... extra) {
    // Keys other tests set on the shared session must not leak into these runs.
    TrainKeys.all().forEach(k -> spark.conf().unset(k.name()));
    BASE.forEach(spark.conf()::set);
    spark.conf().set(TrainKeys.PARTITIONS.name(), Integer.toString(partitions));
    spark.conf().set(TrainKeys.ROUNDS.name(), Integer.toString(rounds));
    spark.conf().set(TrainKeys.LOCAL_STEPS.name(), Integer.toString(steps));
    for (int i = 0; i < extra.length; i += 2) {
      spark.conf().set(extra[i], extra[i + 1]);
    }
    String uri = tmp.resolve(out).toUri().toString();
    return TrainJob.run(
        spark,
        TrainJobOptions.of(data.trainFeatures, data.heldoutFeatures, data.vocab, uri, resume));
  }

  /**
   * P=2 against P=1 at the same global batch (2 × 32 against 1 × 64 segments per inner step), the
   * usual data-parallel comparison. At equal per-worker batch P=1 sees half the data per step and
   * its last iterate is noisier: over seeds 1–4 its top-1 ranged 0.87–0.95 while P=2's stayed at
   * 0.92–0.96, and a 0.05 tolerance failed on noise, not on the algorithm. At equal global batch
   * the gap over seeds 1–4 was 0.009–0.023.
   */
  @Test
  void onTheToyWorldTheTrainedHeadNamesHeldOutObjectsAndTwoPartitionsMatchOne() {
    TrainResult p2 = train("p2", 2, 32, 16, false);
    TrainResult p1 = train("p1", 1, 32, 16, false, TrainKeys.BATCH_SIZE.name(), "64");
    System.out.printf(
        "toy world, 24 colour x shape classes, template 'a photo of a {}.': untrained top-1 %.3f,"
            + " trained top-1 %.3f (P=2, batch 2 x 32) / %.3f (P=1, batch 64) after %d rounds of 16"
            + " steps; %.0f"
            + " segments/s (P=2)%n",
        p2.untrainedTop1(),
        p2.heldoutTop1(),
        p1.heldoutTop1(),
        p2.rounds(),
        p2.segmentsPerSecond());
    assertThat(p2.untrainedTop1()).isLessThanOrEqualTo(0.3);
    assertThat(p2.heldoutTop1()).isGreaterThanOrEqualTo(0.8);
    assertThat(Math.abs(p2.heldoutTop1() - p1.heldoutTop1())).isLessThanOrEqualTo(0.05);
    assertThat(p2.examples()).isGreaterThan(300);

    Dataset<Row> metrics = spark.read().parquet(tmp.resolve("p2/train_metrics").toString());
    assertThat(metrics.count()).isEqualTo(32);
    Row last = metrics.orderBy(metrics.col("round").desc()).first();
    assertThat(last.getDouble(last.fieldIndex("heldout_top1"))).isEqualTo(p2.heldoutTop1());
    assertThat(HeadArtifact.load(tmp.resolve("p2/head")).version()).isEqualTo(p2.headVersion());
  }

  @Test
  void sameSeedIsBitIdenticalAndAStoppedRunResumedEqualsAnUninterruptedOne() {
    TrainResult a = train("a", 2, 4, 4, false, TrainKeys.OUTER_MOMENTUM.name(), "0.5");
    TrainResult b = train("b", 2, 4, 4, false, TrainKeys.OUTER_MOMENTUM.name(), "0.5");
    assertThat(b.state().weights()).isEqualTo(a.state().weights());
    assertThat(b.headVersion()).isEqualTo(a.headVersion());

    train("c", 2, 2, 4, false, TrainKeys.OUTER_MOMENTUM.name(), "0.5");
    TrainResult resumed = train("c", 2, 4, 4, true, TrainKeys.OUTER_MOMENTUM.name(), "0.5");
    assertThat(resumed.state().weights()).isEqualTo(a.state().weights());
    assertThat(resumed.state().outerMomentum()).isEqualTo(a.state().outerMomentum());
    assertThat(resumed.state().innerStates()).isDeepEqualTo(a.state().innerStates());
    assertThat(resumed.headVersion()).isEqualTo(a.headVersion());
    assertThat(resumed.state().metrics()).hasSize(4);
    assertThat(spark.read().parquet(tmp.resolve("c/train_metrics").toString()).count())
        .isEqualTo(4);

    assertThatThrownBy(() -> train("c", 2, 6, 4, true, TrainKeys.OUTER_MOMENTUM.name(), "0.9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spark.use.train.outerMomentum=0.5")
        .hasMessageContaining("this run has 0.9");
  }

  @Test
  void onePartitionWithOuterLrOneAndNoMomentumEqualsThePlainTrainerBitForBit() {
    TrainResult spark1 = train("one", 1, 3, 4, false);
    HeadArtifact head = HeadArtifact.load(tmp.resolve("one/head"));

    Dataset<Row> features = spark.read().parquet(data.trainFeatures);
    Dataset<Row> texts = spark.read().parquet(TrainJobOptions.sibling(data.trainFeatures, "texts"));
    List<TrainingExample> examples =
        TrainingData.joined(features, texts).orderBy("pair_id").collectAsList().stream()
            .map(TrainingData::example)
            .toList();
    long seed = TrainKeys.SEED.read(Map.of());
    float[] plain;
    try (PlainTrainer trainer =
        new PlainTrainer(
            head.config(),
            UseHead.initialWeights(head.config(), seed),
            examples,
            new TrainOptions(RoundSeeds.of(seed, 0), 3 * 4, 32, 0.003f, 0.01f))) {
      trainer.train();
      plain = trainer.weights();
    }
    assertThat(spark1.state().weights()).isEqualTo(plain);
  }
}
