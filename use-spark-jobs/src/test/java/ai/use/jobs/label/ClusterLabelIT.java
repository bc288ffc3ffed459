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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code label} submitted to the two-worker standalone cluster as a user runs it: the second night
 * labels only the new image and skips the earlier ones (an image with no segments included), a
 * night whose error rate is too high exits 1, and a rerun of that night after another image arrived
 * keeps its earlier rows and adds the new image's (count = earlier + new).
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
  void nightsOnTheClusterLabelOnlyNewImagesTooManyErrorsExitOneAndARerunKeepsTheNightsRows()
      throws Exception {
    StandaloneCluster cluster = SharedCluster.get();
    LabelTestWorld world = LabelTestWorld.generate(dir, 53, 4);
    Path images = dir.resolve("corpus");
    world.arrive(images, 0, 2);
    LabelTestWorld.grey(images, "grey.png");

    SubmitResult first = night(cluster, world, images, D1);
    assertThat(first.exitCode()).as(first.describe()).isZero();
    JsonNode summary = new ObjectMapper().readTree(first.stdout());
    assertThat(summary.get("counts").get("images_processed").asLong()).isEqualTo(3);
    assertThat(summary.get("counts").get("images_no_segments").asLong()).isEqualTo(1);
    String out = dir.resolve("out").toUri().toString();
    long d1 = SharedSpark.get().read().parquet(LabelPaths.segments(out, D1)).count();
    assertThat(d1).isEqualTo(summary.get("counts").get("segments").asLong()).isPositive();
    assertThat(
            ClusterOutputs.uncommittedEntries(
                Path.of(java.net.URI.create(LabelPaths.segments(out, D1)))))
        .isEmpty();

    // Night 2: one new image and one corrupt file: 1 error of 2 processed > 0.4 -> exit 1; the two
    // labeled images and the one with no segments are skipped.
    world.arrive(images, 2, 3);
    java.nio.file.Files.write(images.resolve("corrupt.png"), new byte[] {1, 2, 3});
    SubmitResult second = night(cluster, world, images, D2);
    assertThat(second.exitCode()).as(second.describe()).isEqualTo(1);
    JsonNode s2 = new ObjectMapper().readTree(second.stdout());
    assertThat(s2.get("status").asText()).isEqualTo("failed");
    assertThat(s2.get("counts").get("images_skipped").asLong()).isEqualTo(3);
    assertThat(s2.get("counts").get("images_processed").asLong()).isEqualTo(2);
    assertThat(s2.get("counts").get("images_labeled").asLong()).isEqualTo(1);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.manifest(out, D2)).count()).isEqualTo(2);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.segments(out, D1)).count())
        .isEqualTo(d1);
    Dataset<Row> d2Before = SharedSpark.get().read().parquet(LabelPaths.segments(out, D2));
    long d2 = d2Before.count();
    String d2Image = d2Before.select("image_id").distinct().first().getString(0);
    assertThat(d2).isEqualTo(s2.get("counts").get("segments").asLong()).isPositive();

    // Another image arrives and night 2 is rerun: its images are recomputed (same rows), the new
    // one is added (1 error of 3 <= 0.4 -> exit 0), night 1 is untouched.
    world.arrive(images, 3, 4);
    SubmitResult rerun = night(cluster, world, images, D2);
    assertThat(rerun.exitCode()).as(rerun.describe()).isZero();
    JsonNode s3 = new ObjectMapper().readTree(rerun.stdout());
    assertThat(s3.get("counts").get("images_skipped").asLong()).isEqualTo(3);
    assertThat(s3.get("counts").get("images_processed").asLong()).isEqualTo(3);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.manifest(out, D2)).count()).isEqualTo(3);
    Dataset<Row> d2After = SharedSpark.get().read().parquet(LabelPaths.segments(out, D2));
    long added = d2After.where(functions.col("image_id").notEqual(d2Image)).count();
    assertThat(d2After.where(functions.col("image_id").equalTo(d2Image)).count()).isEqualTo(d2);
    assertThat(added).isPositive();
    assertThat(d2After.count())
        .isEqualTo(d2 + added)
        .isEqualTo(s3.get("counts").get("segments").asLong());
    assertThat(d2After.select("image_id").distinct().count()).isEqualTo(2);
    assertThat(SharedSpark.get().read().parquet(LabelPaths.segments(out, D1)).count())
        .isEqualTo(d1);
  }
}
