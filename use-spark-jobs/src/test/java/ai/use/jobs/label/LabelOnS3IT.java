package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import ai.use.jobs.testing.SharedSpark;
import ai.use.model.runtime.ModelCache;
import ai.use.model.zoo.ToyZoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental nights from and to {@code s3a://} (S3Proxy in its own JVM, the magic committer), as
 * {@link LabelJobIT} runs them locally: labeled with a USE head that is itself read from S3, a
 * rerun of a night after a new image arrived keeps the night's earlier rows and adds the new one
 * and the next night skips both; with the SAM decoder read from S3, an image with no segments is
 * not reprocessed the next night, an edit of the decoder's sidecar on S3 makes every image due
 * again, and {@code --relabel} loads no image model.
 */
class LabelOnS3IT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 25);
  private static final LocalDate D3 = LocalDate.of(2026, 11, 26);
  private static final String[] IMAGE_MODEL_KEYS = {
    "spark.use.model.samEncoder",
    "spark.use.model.samDecoder",
    "spark.use.model.clipImage",
    "spark.use.model.dinov2"
  };

  @TempDir Path dir;

  @AfterEach
  void resetConf() {
    for (String key : IMAGE_MODEL_KEYS) {
      SharedSpark.get().conf().unset(key);
    }
  }

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

  @Test
  void onS3NoSegmentsIsNotRedoneASidecarEditRelabelsAndRelabelLoadsNoImageModel() throws Exception {
    LabelTestWorld world = LabelTestWorld.generate(dir, 59, 1);
    SparkSession spark = SharedS3.sparkOnS3();
    S3Server s3 = SharedS3.get();
    String bucket = SharedS3.newBucket("label-models");
    Path models = Files.createDirectories(dir.resolve("models"));
    Files.copy(
        ToyZoo.localCopy(ToyZoo.PREFIX + "sam-decoder.pt"), models.resolve("sam-decoder.pt"));
    Path sidecar = models.resolve("sam-decoder.json");
    Files.copy(ToyZoo.localCopy(ToyZoo.PREFIX + "sam-decoder.json"), sidecar);
    s3.uploadDirectory(models, bucket, "models");
    spark.conf().set("spark.use.model.samDecoder", "s3a://" + bucket + "/models/sam-decoder.pt");
    Path corpus = dir.resolve("corpus");
    world.arrive(corpus, 0, 1);
    LabelTestWorld.grey(corpus, "grey.png");
    s3.uploadDirectory(corpus, bucket, "images");
    String in = "s3a://" + bucket + "/images";
    String out = "s3a://" + bucket + "/use";

    LabelResult first = LabelJob.run(spark, world.night(in, out, D1, false));
    assertThat(first.succeeded()).as(first.summary().toJson()).isTrue();
    assertThat(first.processed()).isEqualTo(2);
    Map<String, Long> statuses = new TreeMap<>();
    spark
        .read()
        .parquet(LabelPaths.manifest(out, D1))
        .groupBy("status")
        .count()
        .collectAsList()
        .forEach(r -> statuses.put(r.getString(0), r.getLong(1)));
    assertThat(statuses)
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("labeled", 1L, "no_segments", 1L)));

    // Night 2, nothing changed: the labeled image and the one without segments are both skipped.
    LabelResult unchanged = LabelJob.run(spark, world.night(in, out, D2, false));
    assertThat(unchanged.skipped()).isEqualTo(2);
    assertThat(unchanged.processed()).isZero();
    assertThat(unchanged.modelVersion()).isEqualTo(first.modelVersion());

    // The decoder's sidecar is edited on S3: night 3 labels both images again with the new version.
    Files.writeString(sidecar, Files.readString(sidecar) + "\n");
    s3.uploadDirectory(models, bucket, "models");
    LabelResult changed = LabelJob.run(spark, world.night(in, out, D3, false));
    assertThat(changed.modelVersion()).isNotEqualTo(first.modelVersion());
    assertThat(changed.skipped()).isZero();
    assertThat(changed.processed()).isEqualTo(2);
    assertThat(LabelTestWorld.currentModelVersions(spark, out))
        .containsExactly(changed.modelVersion());

    // --relabel with no image model loadable: only clip-text runs, every current segment is scored.
    long current = LabelManifest.currentSegments(spark, out).count();
    assertThat(current).isEqualTo(changed.segments()).isPositive();
    List<String> segmentKeys = s3.listKeys(bucket, "use/segments/");
    ModelCache.closeAll();
    for (String key : IMAGE_MODEL_KEYS) {
      spark.conf().set(key, "s3a://" + bucket + "/absent/" + key + ".pt");
    }
    LabelResult colours = LabelJob.run(spark, world.relabel(in, out, world.colours, false));
    assertThat(colours.succeeded()).as(colours.summary().toJson()).isTrue();
    assertThat(ModelCache.size()).as("only the clip-text model was loaded").isEqualTo(1);
    assertThat(spark.read().parquet(LabelPaths.labels(out, colours.vocabId())).count())
        .isEqualTo(current);
    assertThat(
            spark
                .read()
                .parquet(LabelPaths.labels(out, colours.vocabId()))
                .select(functions.explode(functions.col("labels")))
                .distinct()
                .collectAsList())
        .extracting(r -> r.getString(0))
        .isSubsetOf("red", "green", "blue", "yellow", "purple", "orange");
    assertThat(s3.listKeys(bucket, "use/segments/")).isEqualTo(segmentKeys);
    assertThat(s3.pendingUploads(bucket)).isZero();
  }
}
