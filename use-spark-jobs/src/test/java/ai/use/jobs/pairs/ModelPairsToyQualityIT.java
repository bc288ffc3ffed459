package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.SharedSpark;
import ai.use.model.pairs.PairScores;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality bar: {@code pairs --source annotations} with the toy zoo on the held-out
 * split of the zoo's own world (seed 7; the zoo never saw it), captions only, scored against the
 * generator's truth.
 */
class ModelPairsToyQualityIT {
  @TempDir static Path world;
  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void generateWorld() throws Exception {
    // The first images of a world are the same whatever its size: this is the default world's
    // held-out split (seed 7), without its train images.
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 60), world);
  }

  @Test
  void objectPrecisionAndRecallMeetTheBarOnTheHeldOutWorld() throws Exception {
    String split = ToySplit.HELDOUT.label();
    PairsResult result =
        PairsJob.run(
            spark,
            PairsOptions.annotations(
                world.resolve("images/" + split).toUri().toString(),
                world.resolve("annotations/captions_" + split + ".json").toUri().toString(),
                "auto",
                out.toUri().toString()));
    PairScores scores = ToyPairsScoring.score(spark, out.toUri().toString(), world, split);
    System.out.printf(
        "[toy pairs quality] %s; %d pairs, %.2f images/s%n",
        scores, result.pairs(), result.summary().json().path("images_per_second").asDouble());
    System.out.println("[toy pairs quality] counts " + result.summary().json().path("counts"));

    assertThat(result.succeeded()).isTrue();
    assertThat(scores.objectPrecision()).isGreaterThanOrEqualTo(0.8);
    assertThat(scores.objectRecall()).isGreaterThanOrEqualTo(0.75);
    assertThat(scores.partPairs()).isPositive();
  }
}
