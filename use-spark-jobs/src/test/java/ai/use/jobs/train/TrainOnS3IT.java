package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.config.TrainKeys;
import ai.use.jobs.testing.SharedS3;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} writing its head, metrics and checkpoints to {@code s3a://} on a real S3-compatible
 * server, and resuming from a checkpoint read back from there.
 */
class TrainOnS3IT {
  private final SparkSession spark = SharedS3.sparkOnS3();
  private final ToyTrainingData data = ToyTrainingData.get();
  @TempDir Path tmp;

  @AfterEach
  void unset() {
    for (var key : TrainKeys.all()) {
      spark.conf().unset(key.name());
    }
  }

  private TrainResult train(String out, int rounds, boolean resume) {
    TrainJobIT.BASE.forEach(spark.conf()::set);
    spark.conf().set(TrainKeys.PARTITIONS.name(), "2");
    spark.conf().set(TrainKeys.ROUNDS.name(), Integer.toString(rounds));
    spark.conf().set(TrainKeys.LOCAL_STEPS.name(), "4");
    spark.conf().set(TrainKeys.OUTER_MOMENTUM.name(), "0.5");
    spark.conf().set(TrainKeys.NESTEROV.name(), "true");
    return TrainJob.run(spark, TrainJobOptions.of(data.trainFeatures, null, null, out, resume));
  }

  @Test
  void checkpointsOnS3AResumeToTheUninterruptedRunsWeights() {
    TrainResult local = train(tmp.resolve("local").toUri().toString(), 3, false);

    String out = "s3a://" + SharedS3.newBucket("train") + "/run";
    train(out, 2, false);
    TrainResult resumed = train(out, 3, true);

    assertThat(resumed.state().weights()).isEqualTo(local.state().weights());
    assertThat(resumed.headVersion()).isEqualTo(local.headVersion());
    assertThat(resumed.headUri()).isEqualTo(out + "/head");
    assertThat(spark.read().parquet(out + "/train_metrics").count()).isEqualTo(3);
    assertThat(
            new CheckpointStore(out + "/checkpoints", spark.sparkContext().hadoopConfiguration())
                .latest()
                .orElseThrow()
                .state()
                .round())
        .isEqualTo(3);
  }
}
