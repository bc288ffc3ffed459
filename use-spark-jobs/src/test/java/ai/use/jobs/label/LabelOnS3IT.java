package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental nights from and to {@code s3a://} (S3Proxy in its own JVM, the magic committer),
 * labeled with a USE head that is itself read from S3: a rerun of a night after a new image arrived
 * keeps the night's earlier rows and adds the new one; the next night skips both.
 */
class LabelOnS3IT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 25);

  @TempDir Path dir;

  @Test
  void aRerunOfANightOnS3KeepsItsRowsAddsTheNewImageAndTheNextNightSkipsBoth() throws Exception {
    LabelTestWorld world = LabelTestWorld.generate(dir, 47, 2);
    SparkSession spark = SharedS3.sparkOnS3();
    S3Server s3 = SharedS3.get();
    String bucket = SharedS3.newBucket("label");
    s3.uploadDirectory(LabelTestWorld.untrainedHead(dir.resolve("head")), bucket, "heads/h1");
    Path batch1 = dir.resolve("batch1");
    world.arrive(batch1, 0, 1);
    s3.uploadDirectory(batch1, bucket, "images");
    String root = "s3a://" + bucket;
    String in = root + "/images";
    String out = root + "/use";
    String head = root + "/heads/h1";

    LabelResult first = LabelJob.run(spark, world.nightWithHead(in, out, D1, head));
    assertThat(first.succeeded()).as(first.summary().toJson()).isTrue();
    assertThat(first.processed()).isEqualTo(1);
    assertThat(first.summary().json().get("model_version_parts").get("embedder").asText())
        .startsWith("head-");
    long firstSegments = first.segments();
    assertThat(firstSegments).isPositive();

    Path batch2 = dir.resolve("batch2");
    world.arrive(batch2, 1, 2);
    s3.uploadDirectory(batch2, bucket, "images");
    LabelResult rerun = LabelJob.run(spark, world.nightWithHead(in, out, D1, head));
    assertThat(rerun.processed()).isEqualTo(2);
    assertThat(rerun.modelVersion()).isEqualTo(first.modelVersion());
    assertThat(spark.read().parquet(LabelPaths.manifest(out, D1)).count()).isEqualTo(1 + 1);
    assertThat(spark.read().parquet(LabelPaths.segments(out, D1)).count())
        .isEqualTo(rerun.segments())
        .isGreaterThan(firstSegments);
    // Embeddings are unit vectors of CLIP's text width (the toy's 32).
    var embedding = spark.read().parquet(LabelPaths.segments(out, D1)).first().getList(9);
    double norm = 0;
    for (Object v : embedding) {
      norm += ((Float) v) * ((Float) v);
    }
    assertThat(embedding).hasSize(32);
    assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

    LabelResult next = LabelJob.run(spark, world.nightWithHead(in, out, D2, head));
    assertThat(next.skipped()).isEqualTo(2);
    assertThat(next.processed()).isZero();
    assertThat(LabelManifest.currentSegments(spark, out).count()).isEqualTo(rerun.segments());

    // The magic committer wrote the night's static paths and left nothing behind.
    JsonNode success =
        new ObjectMapper()
            .readTree(s3.getString(bucket, "use/segments/run_date=" + D1 + "/_SUCCESS"));
    assertThat(success.get("committer").asText()).isEqualTo("magic");
    assertThat(s3.listKeys(bucket, "")).noneMatch(k -> k.contains("__magic"));
    assertThat(s3.pendingUploads(bucket)).isZero();
    assertThat(s3.exists(bucket, "use/label.run-summary.json")).isTrue();
    assertThat(Files.exists(dir.resolve("head/head.params"))).isTrue();
  }
}
