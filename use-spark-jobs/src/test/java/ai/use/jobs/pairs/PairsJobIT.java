package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.jobs.tables.TableWriter;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pairs --source ground-truth} on a small toy world, on a local Spark session. */
class PairsJobIT {
  private static final int TRAIN_IMAGES = 10;

  @TempDir static Path world;
  private static ToyWorldSummary summary;
  private static JsonNode instances;

  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void generateWorld() throws Exception {
    summary = ToyWorldGenerator.generate(ToyWorldSpec.small(11, TRAIN_IMAGES, 2), world);
    instances =
        new ObjectMapper().readTree(world.resolve("annotations/instances_train.json").toFile());
  }

  @AfterEach
  void resetConf() {
    spark.conf().unset("spark.use.maxErrorRate");
  }

  private PairsOptions options(Path images) {
    return new PairsOptions(
        images.toUri().toString(),
        world.resolve("annotations/instances_train.json").toUri().toString(),
        world.resolve("annotations/captions_train.json").toUri().toString(),
        out.toUri().toString());
  }

  private Path copyOfTrainImages() throws Exception {
    Path images = out.resolve("input");
    Files.createDirectories(images);
    try (var files = Files.list(world.resolve("images/train"))) {
      for (Path f : files.toList()) {
        Files.copy(f, images.resolve(f.getFileName()));
      }
    }
    return images;
  }

  private Dataset<Row> pairs() {
    return spark.read().parquet(TableWriter.tablePath(out.toUri().toString(), Tables.PAIRS));
  }

  private Dataset<Row> errors() {
    return spark.read().parquet(TableWriter.errorsPath(out.toUri().toString(), PairsJob.NAME));
  }

  @Test
  void writesOnePairPerAnnotatedSegmentWithTheDocumentedSchema() {
    PairsResult result = PairsJob.run(spark, options(world.resolve("images/train")));

    int annotations = summary.split(ToySplit.TRAIN).annotations();
    assertThat(result.pairs()).isEqualTo(annotations);
    assertThat(result.errors()).isZero();
    assertThat(result.succeeded()).isTrue();
    Dataset<Row> pairs = pairs();
    assertThat(pairs.count()).isEqualTo(annotations);
    assertThat(pairs.schema().fieldNames())
        .containsExactly(SparkSchemas.of(Tables.PAIRS).fieldNames());
    assertThat(pairs.select("pair_id").distinct().count()).isEqualTo(annotations);
    assertThat(pairs.filter("granularity = 'part'").count())
        .isEqualTo(summary.split(ToySplit.TRAIN).parts());
    assertThat(errors().count()).isZero();
  }

  @Test
  void masksAreTheAnnotatedMasksAndBoxesTheirCocoBoxes() {
    PairsJob.run(spark, options(world.resolve("images/train")));

    Map<Long, String> countsByAnnotation =
        java.util.stream.StreamSupport.stream(instances.get("annotations").spliterator(), false)
            .collect(
                Collectors.toMap(
                    a -> a.get("id").asLong(), a -> a.get("segmentation").get("counts").asText()));
    List<Row> rows =
        pairs().select("annotation_id", "mask", "box", "area", "alt_texts").collectAsList();
    for (Row row : rows) {
      Row mask = row.getStruct(1);
      List<Integer> size = mask.getList(0);
      Rle rle = new Rle(size.get(0), size.get(1), mask.getString(1));
      assertThat(rle.counts()).isEqualTo(countsByAnnotation.get(row.getLong(0)));
      long[] box = CocoRle.bboxXywh(rle);
      assertThat(row.getList(2))
          .containsExactly((double) box[0], (double) box[1], (double) box[2], (double) box[3]);
      assertThat(row.getLong(3)).isEqualTo(CocoRle.area(rle));
    }
    // Object phrases of captions arrive as alt texts.
    assertThat(pairs().filter("granularity = 'object' and size(alt_texts) > 0").count())
        .isPositive();
  }

  @Test
  void corruptAndEmptyImagesBecomeErrorRowsAndTheRestIsWritten() throws Exception {
    Path images = copyOfTrainImages();
    String corrupt = "toy_train_00001.png";
    String empty = "toy_train_00002.png";
    Files.write(images.resolve(corrupt), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
    Files.write(images.resolve(empty), new byte[0]);
    spark.conf().set("spark.use.maxErrorRate", "1.0");

    PairsResult result = PairsJob.run(spark, options(images));

    long lost = annotationsOf(corrupt) + annotationsOf(empty);
    assertThat(result.pairs()).isEqualTo(summary.split(ToySplit.TRAIN).annotations() - lost);
    assertThat(pairs().count()).isEqualTo(result.pairs());
    List<Row> errors =
        errors().select("uri", "stage", "item", "error_class", "message").collectAsList();
    assertThat(errors).hasSize(2);
    Row decode =
        errors.stream().filter(r -> r.getString(0).endsWith(corrupt)).findFirst().orElseThrow();
    assertThat(decode.getString(1)).isEqualTo("decode");
    assertThat(decode.getString(2)).isEqualTo("image");
    assertThat(decode.getString(4))
        .contains(corrupt)
        .contains("annotations of this image were not written");
    Row read =
        errors.stream().filter(r -> r.getString(0).endsWith(empty)).findFirst().orElseThrow();
    assertThat(read.getString(1)).isEqualTo("read");
    assertThat(read.getString(3)).isEqualTo("EmptyFile");
    JsonNode runSummary =
        new ObjectMapper()
            .readTree(Path.of(out.resolve("pairs.run-summary.json").toString()).toFile());
    assertThat(runSummary.get("errors_by_stage").get("decode").asLong()).isEqualTo(1);
    assertThat(runSummary.get("errors_by_stage").get("read").asLong()).isEqualTo(1);
  }

  @Test
  void annotatedSizeThatDiffersFromTheFileIsAnErrorRowNamingBothSizes() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode edited = instances.deepCopy();
    var image = (com.fasterxml.jackson.databind.node.ObjectNode) edited.get("images").get(0);
    image.put("width", 999);
    Path file = out.resolve("instances_edited.json");
    mapper.writeValue(file.toFile(), edited);
    spark.conf().set("spark.use.maxErrorRate", "1.0");

    PairsResult result =
        PairsJob.run(
            spark,
            new PairsOptions(
                world.resolve("images/train").toUri().toString(),
                file.toUri().toString(),
                null,
                out.toUri().toString()));

    String name = image.get("file_name").asText();
    assertThat(result.pairs())
        .isEqualTo(summary.split(ToySplit.TRAIN).annotations() - annotationsOf(name));
    Row error = errors().select("stage", "error_class", "message", "uri").first();
    assertThat(error.getString(0)).isEqualTo("match");
    assertThat(error.getString(1)).isEqualTo("SizeMismatch");
    assertThat(error.getString(2))
        .contains("annotations declare 999x240")
        .contains("decodes to 320x240");
    assertThat(error.getString(3)).endsWith(name);
  }

  @Test
  void rerunIntoTheSameOutputReplacesRows() {
    PairsJob.run(spark, options(world.resolve("images/train")));
    long first = pairs().count();
    PairsJob.run(spark, options(world.resolve("images/train")));
    assertThat(pairs().count()).isEqualTo(first);
    assertThat(pairs().select("pair_id").distinct().count()).isEqualTo(first);
    assertThat(pairs().select("run_id").distinct().count()).isEqualTo(1);
  }

  @Test
  void errorRateAboveTheLimitFailsTheRunWithStatusFailed() throws Exception {
    Path images = copyOfTrainImages();
    Files.write(images.resolve("toy_train_00003.png"), new byte[] {9, 9, 9});
    spark.conf().set("spark.use.maxErrorRate", "0.0");

    PairsResult result = PairsJob.run(spark, options(images));

    assertThat(result.succeeded()).isFalse();
    JsonNode runSummary =
        new ObjectMapper().readTree(out.resolve("pairs.run-summary.json").toFile());
    assertThat(runSummary.get("status").asText()).isEqualTo("failed");
    assertThat(runSummary.get("max_error_rate").asDouble()).isZero();
    assertThat(runSummary.get("error_rate").asDouble()).isPositive();
    assertThat(runSummary.get("config").get("spark.use.maxErrorRate").asText()).isEqualTo("0.0");
  }

  @Test
  void badConfigFailsBeforeAnySparkActionNamingTheKey() {
    spark.conf().set("spark.use.maxErrorRate", "2");
    assertThatThrownBy(() -> PairsJob.run(spark, options(world.resolve("images/train"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid value for spark.use.maxErrorRate: '2'. Allowed: a number in [0, 1]");
    assertThat(out.resolve("pairs")).doesNotExist();
  }

  @Test
  void missingInputsAreNamed() {
    PairsOptions noImages =
        new PairsOptions(
            out.resolve("nowhere").toUri().toString(),
            world.resolve("annotations/instances_train.json").toUri().toString(),
            null,
            out.toUri().toString());
    assertThatThrownBy(() -> PairsJob.run(spark, noImages))
        .hasMessageContaining("--images")
        .hasMessageContaining("nowhere")
        .hasMessageContaining("does not exist");
    PairsOptions noInstances =
        new PairsOptions(
            world.resolve("images/train").toUri().toString(),
            out.resolve("none.json").toUri().toString(),
            null,
            out.toUri().toString());
    assertThatThrownBy(() -> PairsJob.run(spark, noInstances))
        .hasMessageContaining("--instances")
        .hasMessageContaining("none.json");
  }

  private static long annotationsOf(String fileName) {
    long imageId = -1;
    for (JsonNode image : instances.get("images")) {
      if (image.get("file_name").asText().equals(fileName)) {
        imageId = image.get("id").asLong();
      }
    }
    long n = 0;
    for (JsonNode a : instances.get("annotations")) {
      if (a.get("image_id").asLong() == imageId) {
        n++;
      }
    }
    return n;
  }
}
