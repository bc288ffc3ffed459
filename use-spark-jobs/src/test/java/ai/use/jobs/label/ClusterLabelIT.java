package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.testing.ClusterOutputs;
import ai.use.jobs.testing.SharedCluster;
import ai.use.jobs.testing.SharedSpark;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code label} submitted to the two-worker standalone cluster as a user runs it: the second night
 * labels only the new image, and a night whose error rate is too high exits 1.
 */
class ClusterLabelIT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 25);

  @TempDir Path dir;
  @TempDir Path logs;

  private SubmitResult night(
      StandaloneCluster cluster, LabelTestWorld world, Path images, LocalDate date) {
    AmgFlags amg = LabelTestWorld.AMG;
    return SparkSubmitRunner.forMaster(cluster.masterUrl())
        .withConf("spark.use.partitions", "2")
        .withConf("spark.use.maxErrorRate", "0.4")
        .run(
            logs,
            "label",
            "--images",
            images.toUri().toString(),
            "--out",
            dir.resolve("out").toUri().toString(),
            "--run-date",
            date.toString(),
            "--vocab",
            world.vocab.toString(),
            "--templates",
            world.templates.toString(),
            "--embedder",
            "clip-dense",
            "--points-per-side",
            Integer.toString(amg.pointsPerSide()));
  }

  @Test
  void theSecondNightOnTheClusterLabelsOnlyTheNewImageAndTooManyErrorsExitOne() throws Exception {
    StandaloneCluster cluster = SharedCluster.get();
    LabelTestWorld world = LabelTestWorld.generate(dir, 53, 3);
    Path images = dir.resolve("corpus");
    world.arrive(images, 0, 2);

    SubmitResult first = night(cluster, world, images, D1);
    assertThat(first.exitCode()).as(first.describe()).isZero();
    JsonNode summary = new ObjectMapper().readTree(first.stdout());
    assertThat(summary.get("counts").get("images_processed").asLong()).isEqualTo(2);
    String out = dir.resolve("out").toUri().toString();
    long d1 = SharedSpark.get().read().parquet(LabelPaths.segments(out, D1)).count();
    assertThat(d1).isEqualTo(summary.get("counts").get("segments").asLong()).isPositive();
    assertThat(
            ClusterOutputs.uncommittedEntries(
                Path.of(java.net.URI.create(LabelPaths.segments(out, D1)))))
        .isEmpty();

    // Night 2: one new image and one corrupt file: 1 error of 2 processed > 0.4 -> exit 1.
    world.arrive(images, 2, 3);
    java.nio.file.Files.write(images.resolve("corrupt.png"), new byte[] {1, 2, 3});
    SubmitResult second = night(cluster, world, images, D2);
    assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
    JsonNode s2 = new ObjectMapper().readTree(second.stdout());
    assertThat(s2.get("status").asText()).isEqualTo("failed");
    assertThat(s2.get("counts").get("images_skipped").asLong()).isEqualTo(2);
    assertThat(s2.get("counts").get("images_processed").asLong()).isEqualTo(2);
    assertThat(s2.get("counts").get("images_labeled").asLong()).isEqualTo(1);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.manifest(out, D2)).count()).isEqualTo(2);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.segments(out, D1)).count())
        .isEqualTo(d1);
  }
}
