package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.table.Tables;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.jobs.testing.SharedSpark;
import ai.use.model.label.LabelPng;
import ai.use.model.runtime.ModelCache;
import ai.use.model.zoo.ToyZoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label job's incremental, idempotent nights on a local Spark session (DESIGN.md §8), with the
 * toy zoo and a tiny toy world (about 10 s of SAM per image here, so each test labels few images).
 */
class LabelJobIT {
  private static final LocalDate D1 = LocalDate.of(2026, 11, 24);
  private static final LocalDate D2 = LocalDate.of(2026, 11, 25);
  private static final LocalDate D3 = LocalDate.of(2026, 11, 26);
  private static final String[] IMAGE_MODEL_KEYS = {
    "spark.use.model.samEncoder",
    "spark.use.model.samDecoder",
    "spark.use.model.clipImage",
    "spark.use.model.dinov2"
  };

  @TempDir static Path base;
  private static LabelTestWorld world;

  @TempDir Path dir;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void generate() {
    world = LabelTestWorld.generate(base, 31, 3);
  }

  @AfterEach
  void resetConf() {
    spark.conf().unset("spark.use.maxErrorRate");
    for (String key : IMAGE_MODEL_KEYS) {
      spark.conf().unset(key);
    }
  }

  private Dataset<Row> table(String path) {
    return spark.read().parquet(path);
  }

  private static Map<String, Long> statuses(Dataset<Row> manifest) {
    Map<String, Long> out = new TreeMap<>();
    manifest
        .groupBy("status")
        .count()
        .collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getLong(1)));
    return out;
  }

  @Test
  void nightsLabelOnlyNewImagesAndARerunKeepsTheNightsEarlierRows() throws Exception {
    Path images = dir.resolve("corpus");
    String in = images.toUri().toString();
    String out = dir.resolve("out").toUri().toString();
    world.arrive(images, 0, 1);
    LabelTestWorld.grey(images, "grey.png");

    LabelResult first = LabelJob.run(spark, world.night(in, out, D1, false));
    assertThat(first.succeeded()).as(first.summary().toJson()).isTrue();
    assertThat(first.processed()).isEqualTo(2);
    assertThat(first.skipped()).isZero();
    assertThat(statuses(table(LabelPaths.manifest(out, D1))))
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("labeled", 1L, "no_segments", 1L)));
    Dataset<Row> d1 = table(LabelPaths.segments(out, D1));
    long d1Segments = d1.count();
    assertThat(d1Segments).isEqualTo(first.segments()).isPositive();
    assertThat(d1.schema().fieldNames())
        .containsExactly(SparkSchemas.of(Tables.SEGMENTS).fieldNames());
    assertThat(d1.select("segment_id").distinct().count()).isEqualTo(d1Segments);

    // Night 2: one new image. The labeled one and the one without segments are both skipped.
    world.arrive(images, 1, 2);
    LabelResult second = LabelJob.run(spark, world.night(in, out, D2, false));
    assertThat(second.skipped()).isEqualTo(2);
    assertThat(second.processed()).isEqualTo(1);
    assertThat(table(LabelPaths.manifest(out, D2)).count()).isEqualTo(1);
    long d2Segments = table(LabelPaths.segments(out, D2)).count();
    assertThat(d2Segments).isEqualTo(second.segments()).isPositive();

    // Another image arrives, then night 2 is rerun: its image is recomputed (same rows), the new
    // one is added, night 1 is untouched.
    world.arrive(images, 2, 3);
    LabelResult rerun = LabelJob.run(spark, world.night(in, out, D2, false));
    assertThat(rerun.skipped()).isEqualTo(2);
    assertThat(rerun.processed()).isEqualTo(2);
    assertThat(rerun.modelVersion()).isEqualTo(first.modelVersion());
    assertThat(table(LabelPaths.manifest(out, D2)).count()).isEqualTo(1 + 1);
    Dataset<Row> d2 = table(LabelPaths.segments(out, D2));
    assertThat(d2.count()).isEqualTo(rerun.segments()).isGreaterThan(d2Segments);
    assertThat(d2.select("image_id").distinct().count()).isEqualTo(2);
    assertThat(table(LabelPaths.segments(out, D1)).count()).isEqualTo(d1Segments);
    assertThat(table(LabelPaths.manifest(out, D1)).count()).isEqualTo(2);

    // The current view: every labeled image once, with the segments of its latest night.
    Dataset<Row> current = LabelManifest.currentSegments(spark, out);
    assertThat(current.select("image_id").distinct().count()).isEqualTo(3);
    assertThat(current.count()).isEqualTo(d1Segments + rerun.segments());
    assertThat(LabelManifest.latest(spark, out).count()).isEqualTo(4);

    // Labels: one row per segment of the night, top-3 toy classes with falling probabilities.
    Dataset<Row> labels = table(LabelPaths.labels(out, rerun.vocabId(), D2));
    assertThat(labels.count()).isEqualTo(rerun.segments());
    for (Row label : labels.collectAsList()) {
      assertThat(label.<String>getList(label.fieldIndex("labels")))
          .hasSize(3)
          .doesNotHaveDuplicates()
          .isSubsetOf("circle", "square", "triangle", "diamond");
      List<Double> scores = label.getList(label.fieldIndex("scores"));
      assertThat(scores.get(0)).isGreaterThanOrEqualTo(scores.get(1));
      assertThat(scores.get(1)).isGreaterThanOrEqualTo(scores.get(2));
    }

    // The summary beside the output: throughput and time per stage.
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/label.run-summary.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("succeeded");
    assertThat(json.get("run_date").asText()).isEqualTo(D2.toString());
    assertThat(json.get("counts").get("images_skipped").asLong()).isEqualTo(2);
    assertThat(json.get("images_per_second").asDouble()).isPositive();
    for (String stage :
        List.of(
            "read",
            "decode",
            "preprocess",
            "sam_encoder",
            "prompt_decoding",
            "amg_postprocessing",
            "backbones",
            "head",
            "labels",
            "write")) {
      assertThat(json.get("stage_seconds").get(stage).asDouble()).as(stage).isPositive();
    }
    assertThat(dir.resolve("out/runs/label-run_date=" + D1 + ".json")).exists();
  }

  @Test
  void aModelFileChangeMakesEveryImageDueAgain() throws Exception {
    Path models = dir.resolve("models");
    Files.createDirectories(models);
    Path decoder = models.resolve("sam-decoder.pt");
    Files.copy(ToyZoo.localCopy(ToyZoo.PREFIX + "sam-decoder.pt"), decoder);
    Path sidecar = models.resolve("sam-decoder.json");
    Files.copy(ToyZoo.localCopy(ToyZoo.PREFIX + "sam-decoder.json"), sidecar);
    spark.conf().set("spark.use.model.samDecoder", decoder.toString());
    Path images = dir.resolve("corpus");
    world.arrive(images, 0, 1);
    String in = images.toUri().toString();
    String out = dir.resolve("out").toUri().toString();

    LabelResult first = LabelJob.run(spark, world.night(in, out, D1, false));
    LabelResult unchanged = LabelJob.run(spark, world.night(in, out, D2, false));
    assertThat(first.processed()).isEqualTo(1);
    assertThat(unchanged.skipped()).isEqualTo(1);
    assertThat(unchanged.processed()).isZero();
    assertThat(unchanged.modelVersion()).isEqualTo(first.modelVersion());

    Files.writeString(sidecar, Files.readString(sidecar) + "\n"); // the model's files changed
    LabelResult changed = LabelJob.run(spark, world.night(in, out, D3, false));
    assertThat(changed.modelVersion()).isNotEqualTo(first.modelVersion());
    assertThat(changed.skipped()).isZero();
    assertThat(changed.processed()).isEqualTo(1);
    assertThat(
            table(LabelPaths.segments(out, D3))
                .select("model_version")
                .distinct()
                .first()
                .getString(0))
        .isEqualTo(changed.modelVersion());
    // The current view follows the newest model.
    assertThat(LabelTestWorld.currentModelVersions(spark, out))
        .containsExactly(changed.modelVersion());
  }

  @Test
  void relabelScoresStoredEmbeddingsWithoutLoadingAnyImageModel() throws Exception {
    Path images = dir.resolve("corpus");
    world.arrive(images, 0, 1);
    String in = images.toUri().toString();
    String out = dir.resolve("out").toUri().toString();
    LabelResult night = LabelJob.run(spark, world.night(in, out, D1, true));
    Path maps = Path.of(java.net.URI.create(LabelPaths.semanticMaps(out, night.vocabId())));
    Path map = maps.resolve("toy_train_00000.png");
    byte[] nightMap = Files.readAllBytes(map);
    assertThat(Files.readAllLines(maps.resolve("classes.txt")))
        .containsExactly("circle", "square", "triangle", "diamond");
    int[] values = LabelPng.decode(nightMap);
    assertThat(values).hasSize(320 * 240);
    assertThat(java.util.Arrays.stream(values).filter(v -> v != 0).count()).isPositive();
    assertThat(java.util.Arrays.stream(values).max().getAsInt()).isLessThanOrEqualTo(4);
    Map<String, Long> segmentFiles = files(dir.resolve("out/segments"));

    // From here on no image model can be loaded: their keys point at nothing.
    ModelCache.closeAll();
    for (String key : IMAGE_MODEL_KEYS) {
      spark.conf().set(key, dir.resolve("absent-" + key + ".pt").toString());
    }
    LabelResult colours = LabelJob.run(spark, world.relabel(in, out, world.colours, false));
    assertThat(ModelCache.size()).as("only the clip-text model was loaded").isEqualTo(1);
    assertThat(colours.vocabId()).isNotEqualTo(night.vocabId());
    Dataset<Row> labels = spark.read().parquet(LabelPaths.labels(out, colours.vocabId()));
    assertThat(labels.count()).isEqualTo(night.segments());
    assertThat(labels.select("segment_id").distinct().count()).isEqualTo(night.segments());
    assertThat(
            labels
                .select(
                    org.apache.spark.sql.functions.explode(
                        org.apache.spark.sql.functions.col("labels")))
                .distinct()
                .collectAsList())
        .extracting(r -> r.getString(0))
        .isSubsetOf("red", "green", "blue", "yellow", "purple", "orange");
    assertThat(labels.select(LabelPaths.RUN_DATE).distinct().first().get(0).toString())
        .isEqualTo(D1.toString());
    assertThat(files(dir.resolve("out/segments"))).isEqualTo(segmentFiles);

    // Relabeling with the night's own vocabulary repaints the same maps from the stored masks.
    Files.delete(map);
    LabelResult same = LabelJob.run(spark, world.relabel(in, out, world.vocab, true));
    assertThat(same.vocabId()).isEqualTo(night.vocabId());
    assertThat(Files.readAllBytes(map)).isEqualTo(nightMap);
    assertThat(spark.read().parquet(LabelPaths.labels(out, same.vocabId())).count())
        .isEqualTo(night.segments());
  }

  @Test
  void anErrorRateAboveTheMaximumFailsTheRunAndTheBadImagesAreRetried() throws Exception {
    Path images = dir.resolve("corpus");
    Files.createDirectories(images);
    Files.write(images.resolve("corrupt.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Files.write(images.resolve("empty.png"), new byte[0]);
    String in = images.toUri().toString();
    String out = dir.resolve("out").toUri().toString();
    spark.conf().set("spark.use.maxErrorRate", "0.1");

    LabelResult result = LabelJob.run(spark, world.night(in, out, D1, false));
    assertThat(result.succeeded()).isFalse();
    assertThat(result.summary().status()).isEqualTo("failed");
    assertThat(result.errors()).isEqualTo(2);
    assertThat(statuses(table(LabelPaths.manifest(out, D1))))
        .containsExactlyEntriesOf(Map.of("error", 2L));
    Map<String, String> stageByFile =
        table(LabelPaths.errors(out, D1)).select("uri", "stage").collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> Path.of(java.net.URI.create(r.getString(0))).getFileName().toString(),
                    r -> r.getString(1)));
    assertThat(stageByFile)
        .containsExactlyInAnyOrderEntriesOf(Map.of("corrupt.png", "decode", "empty.png", "read"));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/label.run-summary.json").toFile());
    assertThat(json.get("status").asText()).isEqualTo("failed");
    assertThat(json.get("error_rate").asDouble()).isEqualTo(1.0);

    LabelResult next = LabelJob.run(spark, world.night(in, out, D2, false));
    assertThat(next.skipped()).isZero();
    assertThat(next.processed()).isEqualTo(2);
  }

  private static Map<String, Long> files(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      Map<String, Long> out = new TreeMap<>();
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
      return out;
    }
  }
}
