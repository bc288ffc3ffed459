package ai.use.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.testing.ClusterOutputs;
import ai.use.jobs.testing.SharedCluster;
import ai.use.jobs.testing.SharedSpark;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pairs} submitted to the two-worker standalone cluster, as a user runs it. */
class ClusterPairsIT {
  @TempDir static Path world;
  private static ToyWorldSummary summary;

  @TempDir Path out;
  @TempDir Path logs;

  @BeforeAll
  static void generateWorld() throws Exception {
    summary = ToyWorldGenerator.generate(ToyWorldSpec.small(17, 12, 2), world);
  }

  @Test
  void pairsOnTheClusterWritesEveryAnnotationFromTasksInTwoExecutorJvms() throws Exception {
    StandaloneCluster cluster = SharedCluster.get();

    SubmitResult result =
        SparkSubmitRunner.forMaster(cluster.masterUrl())
            .withConf("spark.use.partitions", "4")
            .run(
                logs,
                "pairs",
                "--images",
                world.resolve("images/train").toUri().toString(),
                "--instances",
                world.resolve("annotations/instances_train.json").toUri().toString(),
                "--captions",
                world.resolve("annotations/captions_train.json").toUri().toString(),
                "--out",
                out.toUri().toString());

    assertThat(result.exitCode()).as(result.describe()).isZero();
    long annotations = summary.split(ToySplit.TRAIN).annotations();
    JsonNode runSummary = new ObjectMapper().readTree(result.stdout());
    assertThat(runSummary.get("status").asText()).isEqualTo("succeeded");
    assertThat(runSummary.get("counts").get("pairs").asLong()).isEqualTo(annotations);

    Dataset<Row> pairs = SharedSpark.get().read().parquet(out.resolve("pairs").toString());
    assertThat(pairs.count()).isEqualTo(annotations);
    assertThat(pairs.select("pair_id").distinct().count()).isEqualTo(annotations);
    assertThat(ClusterOutputs.uncommittedEntries(out.resolve("pairs"))).isEmpty();

    // Tasks ran in two executor JVMs, one per worker: each worker made a dir for its executor
    // (its stdout/stderr) and each executor's log shows it ran tasks.
    String appId = result.appId().orElseThrow(() -> new AssertionError(result.describe()));
    List<Path> executors = cluster.executorDirs(appId);
    assertThat(executors).hasSizeGreaterThanOrEqualTo(2);
    assertThat(executors.stream().map(e -> e.getParent().getParent()).distinct())
        .as("workers that started an executor for %s", appId)
        .hasSize(2);
    for (Path executor : executors) {
      String log = Files.readString(executor.resolve("stderr"));
      assertThat(log).contains("CoarseGrainedExecutorBackend").contains("Running task");
    }
    // The master ran it as a standalone application (completed, or finishing just now).
    JsonNode state = cluster.masterState();
    assertThat(
            Stream.concat(
                    StreamSupport.stream(state.get("completedapps").spliterator(), false),
                    StreamSupport.stream(state.get("activeapps").spliterator(), false))
                .map(app -> app.get("id").asText()))
        .contains(appId);
  }
}
