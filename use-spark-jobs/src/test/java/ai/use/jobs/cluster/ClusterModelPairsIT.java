package ai.use.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.ClusterOutputs;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.SharedCluster;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source annotations} submitted to the two-worker standalone cluster: the toy models
 * load in the executor JVMs (per-JVM cache) and the tables are written by both.
 */
class ClusterModelPairsIT {
  @TempDir static Path world;
  @TempDir Path out;
  @TempDir Path logs;

  @BeforeAll
  static void generateWorld() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 4), world);
  }

  @Test
  void modelPipelineRunsInTheExecutorJvmsOfTheCluster() throws Exception {
    StandaloneCluster cluster = SharedCluster.get();

    SubmitResult result =
        SparkSubmitRunner.forMaster(cluster.masterUrl())
            .withConf("spark.use.partitions", "2")
            .withConf("spark.executor.memory", "1g")
            .withTimeout(Duration.ofMinutes(8))
            .run(
                logs,
                "pairs",
                "--source",
                "annotations",
                "--images",
                world.resolve("images/heldout").toUri().toString(),
                "--captions",
                world.resolve("annotations/captions_heldout.json").toUri().toString(),
                "--out",
                out.toUri().toString());

    assertThat(result.exitCode()).as(result.describe()).isZero();
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.at("/counts/images_read").asLong()).isEqualTo(4);
    long pairs = summary.at("/counts/pairs").asLong();
    assertThat(pairs).isPositive();
    OutsideReader.Table table = OutsideReader.read(out.resolve("pairs"));
    assertThat(table.rowCount()).isEqualTo(pairs);
    assertThat(ClusterOutputs.uncommittedEntries(out.resolve("pairs"))).isEmpty();
    // The models were loaded in the executors, not the driver.
    String appId = result.appId().orElseThrow(() -> new AssertionError(result.describe()));
    List<Path> executors = cluster.executorDirs(appId);
    long loaded = 0;
    for (Path executor : executors) {
      String log = Files.readString(executor.resolve("stderr"));
      loaded += log.contains("model toy://zoo/sam-decoder.pt") ? 1 : 0;
    }
    assertThat(loaded).as("executors that loaded the SAM decoder").isPositive();
  }
}
