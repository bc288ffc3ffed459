package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.config.TrainKeys;
import ai.use.jobs.testing.SharedCluster;
import ai.use.jobs.testing.SharedSpark;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train} through spark-submit, as a user runs it: with one task failing on its first attempt
 * (Spark retries it) the head is bit-identical — same content-hash version — to a clean in-process
 * run; on the two-worker standalone cluster the tasks run in two executor JVMs.
 */
class TrainSubmitIT {
  private static final int ROUNDS = 3;
  private static final int STEPS = 4;

  private final SparkSession spark = SharedSpark.get();
  private final ToyTrainingData data = ToyTrainingData.get();
  @TempDir Path tmp;

  @AfterEach
  void unset() {
    for (var key : TrainKeys.all()) {
      spark.conf().unset(key.name());
    }
  }

  private Map<String, String> conf() {
    Map<String, String> conf = new java.util.LinkedHashMap<>(TrainJobIT.BASE);
    conf.put(TrainKeys.PARTITIONS.name(), "2");
    conf.put(TrainKeys.ROUNDS.name(), Integer.toString(ROUNDS));
    conf.put(TrainKeys.LOCAL_STEPS.name(), Integer.toString(STEPS));
    return conf;
  }

  /** The clean run's head version, in this JVM. */
  private String cleanVersion() {
    conf().forEach(spark.conf()::set);
    return TrainJob.run(
            spark,
            TrainJobOptions.of(
                data.trainFeatures, null, null, tmp.resolve("clean").toUri().toString(), false))
        .headVersion();
  }

  private SubmitResult submit(String master, String failOnce, Path logs) {
    SparkSubmitRunner runner =
        SparkSubmitRunner.forMaster(master)
            .withTimeout(Duration.ofMinutes(6))
            .withConf(TrainConfig.FAIL_ONCE_KEY, failOnce);
    for (Map.Entry<String, String> e : conf().entrySet()) {
      runner = runner.withConf(e.getKey(), e.getValue());
    }
    return runner.run(
        logs,
        "train",
        "--features",
        data.trainFeatures,
        "--out",
        tmp.resolve("submitted").toUri().toString());
  }

  @Test
  void aTaskFailingOnItsFirstAttemptGivesTheCleanRunsWeights() throws Exception {
    String clean = cleanVersion();
    // local[2,2]: two threads, each task may fail once and is retried
    SubmitResult result = submit("local[2,2]", "1:0", tmp.resolve("logs"));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).contains("injected failure of round 1 partition 0");
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("head_version").asText()).isEqualTo(clean);
    assertThat(summary.get("counts").get("rounds").asInt()).isEqualTo(ROUNDS);
  }

  @Test
  void onTheStandaloneClusterTasksRunInTwoExecutorJvmsAndARetriedTaskIsExact() throws Exception {
    String clean = cleanVersion();
    StandaloneCluster cluster = SharedCluster.get();
    SubmitResult result = submit(cluster.masterUrl(), "2:1", tmp.resolve("cluster-logs"));

    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("head_version").asText()).isEqualTo(clean);
    String appId = result.appId().orElseThrow(() -> new AssertionError(result.describe()));
    List<Path> executors = cluster.executorDirs(appId);
    assertThat(executors.stream().map(e -> e.getParent().getParent()).distinct()).hasSize(2);
    List<String> logs = new ArrayList<>();
    for (Path executor : executors) {
      logs.add(Files.readString(executor.resolve("stderr")));
    }
    assertThat(String.join("\n", logs)).contains("injected failure of round 2 partition 1");
  }
}
