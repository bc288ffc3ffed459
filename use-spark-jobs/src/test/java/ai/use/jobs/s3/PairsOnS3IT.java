package ai.use.jobs.s3;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.common.table.Column;
import ai.use.common.table.Tables;
import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.jobs.testing.LogCapture;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.S3Server;
import ai.use.jobs.testing.SharedS3;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source ground-truth} from and to {@code s3a://} on a real S3-compatible server
 * (S3Proxy in its own JVM), local Spark session; the tables are checked from outside Spark with
 * DuckDB. One run happens in {@link #runOnS3()}; the rerun test adds a second into the same output,
 * which leaves the same content, so the tests pass in any order.
 */
class PairsOnS3IT {
  private static final int TRAIN_IMAGES = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path world;
  private static ToyWorldSummary toy;
  private static JsonNode instances;
  private static JsonNode captions;
  private static SparkSession spark;
  private static S3Server s3;
  private static String bucket;
  private static PairsResult first;
  private static List<String> firstKeys;
  private static String firstRunLog;

  @TempDir Path download;

  @BeforeAll
  static void runOnS3() throws Exception {
    toy = ToyWorldGenerator.generate(ToyWorldSpec.small(23, TRAIN_IMAGES, 2), world);
    instances = JSON.readTree(world.resolve("annotations/instances_train.json").toFile());
    captions = JSON.readTree(world.resolve("annotations/captions_train.json").toFile());
    spark = SharedS3.sparkOnS3();
    s3 = SharedS3.get();
    bucket = SharedS3.newBucket("pairs");
    assertThat(s3.uploadDirectory(world.resolve("images/train"), bucket, "images/train"))
        .isEqualTo(TRAIN_IMAGES);
    s3.uploadDirectory(world.resolve("annotations"), bucket, "annotations");

    // The first run is captured with our loggers and S3A's at DEBUG: the secret must not leak.
    try (LogCapture log =
        LogCapture.start(Map.of("ai.use", Level.DEBUG, "org.apache.hadoop.fs.s3a", Level.DEBUG))) {
      first = PairsJob.run(spark, options());
      firstRunLog = log.text();
    }
    firstKeys = s3.listKeys(bucket, "out/");
  }

  private static PairsOptions options() {
    String root = "s3a://" + bucket;
    return new PairsOptions(
        root + "/images/train",
        root + "/annotations/instances_train.json",
        root + "/annotations/captions_train.json",
        root + "/out");
  }

  private static int trainAnnotations() {
    return toy.split(ToySplit.TRAIN).annotations();
  }

  @Test
  void writesPairsErrorsAndRunSummaryIntoTheBucket() throws Exception {
    assertThat(first.pairs()).isEqualTo(trainAnnotations());
    assertThat(first.errors()).isZero();
    assertThat(first.images()).isEqualTo(TRAIN_IMAGES);
    assertThat(first.succeeded()).isTrue();
    assertThat(s3.exists(bucket, "out/pairs.run-summary.json")).isTrue();
    JsonNode summary = JSON.readTree(s3.getString(bucket, "out/pairs.run-summary.json"));
    assertThat(summary.get("status").asText()).isEqualTo("succeeded");
    assertThat(summary.get("options").get("images").asText())
        .isEqualTo("s3a://" + bucket + "/images/train");
    assertThat(firstKeys)
        .contains("out/pairs/_SUCCESS", "out/errors/job=pairs/_SUCCESS")
        .anyMatch(k -> k.startsWith("out/pairs/part-") && k.endsWith(".parquet"));
  }

  @Test
  void outsideReaderSeesTheDocumentedSchemaMasksBoxesAndAltTexts() {
    OutsideReader.Table pairs =
        OutsideReader.read(s3, "s3a://" + bucket + "/out/pairs", download.resolve("pairs"));

    assertThat(pairs.columnNames()).containsExactlyElementsOf(Tables.PAIRS.columnNames());
    for (Column column : Tables.PAIRS.columns()) {
      assertThat(pairs.type(column.name())).as(column.name()).isEqualTo(duckDbType(column));
    }
    assertThat(pairs.rowCount()).isEqualTo(trainAnnotations());
    assertThat(pairs.rows()).hasSize(trainAnnotations());

    Map<Long, JsonNode> annotations = new HashMap<>();
    instances.get("annotations").forEach(a -> annotations.put(a.get("id").asLong(), a));
    Map<Long, List<String>> altTexts = expectedAltTexts();
    Set<Object> pairIds = new HashSet<>();
    for (Map<String, Object> row : pairs.rows()) {
      long annotationId = ((Number) row.get("annotation_id")).longValue();
      JsonNode annotation = annotations.get(annotationId);
      assertThat(annotation).as("annotation %s", annotationId).isNotNull();
      pairIds.add(row.get("pair_id"));

      @SuppressWarnings("unchecked")
      Map<String, Object> mask = (Map<String, Object>) row.get("mask");
      JsonNode segmentation = annotation.get("segmentation");
      assertThat(mask.get("size"))
          .isEqualTo(
              List.of(
                  segmentation.get("size").get(0).asInt(),
                  segmentation.get("size").get(1).asInt()));
      assertThat(mask.get("counts")).isEqualTo(segmentation.get("counts").asText());

      List<Double> expectedBox = new ArrayList<>();
      annotation.get("bbox").forEach(v -> expectedBox.add(v.asDouble()));
      assertThat(row.get("box")).isEqualTo(expectedBox);
      long[] maskBox =
          CocoRle.bboxXywh(
              new Rle(
                  segmentation.get("size").get(0).asInt(),
                  segmentation.get("size").get(1).asInt(),
                  (String) mask.get("counts")));
      assertThat(row.get("box"))
          .isEqualTo(
              List.of(
                  (double) maskBox[0],
                  (double) maskBox[1],
                  (double) maskBox[2],
                  (double) maskBox[3]));
      assertThat(((Number) row.get("area")).longValue()).isEqualTo(annotation.get("area").asLong());
      assertThat(row.get("alt_texts"))
          .as("alt_texts of annotation %s", annotationId)
          .isEqualTo(altTexts.getOrDefault(annotationId, List.of()));
    }
    assertThat(pairIds).hasSize(trainAnnotations());
    assertThat(pairs.rows()).anyMatch(r -> !((List<?>) r.get("alt_texts")).isEmpty());

    OutsideReader.Table errors =
        OutsideReader.read(
            s3, "s3a://" + bucket + "/out/errors/job=pairs", download.resolve("errors"));
    assertThat(errors.columnNames()).containsExactlyElementsOf(Tables.ERRORS.columnNames());
    assertThat(errors.rowCount()).isZero();
  }

  @Test
  void theMagicCommitterWroteTheTablesAndLeftNothingBehind() throws Exception {
    assertThat(spark.conf().get("spark.sql.sources.commitProtocolClass"))
        .isEqualTo("org.apache.spark.internal.io.cloud.PathOutputCommitProtocol");
    // S3A committers write a JSON _SUCCESS naming the committer (the classic one writes 0 bytes).
    JsonNode success = JSON.readTree(s3.getString(bucket, "out/pairs/_SUCCESS"));
    assertThat(success.get("committer").asText()).isEqualTo("magic");
    List<String> committed = new ArrayList<>();
    success.get("filenames").forEach(f -> committed.add(f.asText()));
    List<String> parts =
        s3.listKeys(bucket, "out/pairs/").stream().filter(k -> k.contains("/part-")).toList();
    assertThat(committed).hasSameSizeAs(parts);
    assertThat(parts).allMatch(k -> committed.stream().anyMatch(f -> f.endsWith(k)));
    assertThat(s3.listKeys(bucket, "")).noneMatch(k -> k.contains("__magic"));
    assertThat(s3.pendingUploads(bucket)).isZero();
  }

  @Test
  void rerunIntoTheSameOutputReplacesEveryFile() throws Exception {
    PairsResult second = PairsJob.run(spark, options());

    assertThat(second.pairs()).isEqualTo(first.pairs());
    List<String> keys = s3.listKeys(bucket, "out/");
    List<String> firstParts = firstKeys.stream().filter(k -> k.contains("/part-")).toList();
    assertThat(keys).doesNotContainAnyElementsOf(firstParts);
    OutsideReader.Table pairs =
        OutsideReader.read(s3, "s3a://" + bucket + "/out/pairs", download.resolve("pairs"));
    assertThat(pairs.rowCount()).isEqualTo(trainAnnotations());
    assertThat(pairs.rows().stream().map(r -> r.get("pair_id")).distinct().count())
        .isEqualTo(trainAnnotations());
    String runId = second.summary().json().get("run_id").asText();
    assertThat(pairs.rows()).allMatch(r -> runId.equals(r.get("run_id")));
    assertThat(
            OutsideReader.read(
                    s3, "s3a://" + bucket + "/out/errors/job=pairs", download.resolve("errors"))
                .rowCount())
        .isZero();
    JsonNode summary = JSON.readTree(s3.getString(bucket, "out/pairs.run-summary.json"));
    assertThat(summary.get("run_id").asText()).isEqualTo(runId);
    assertThat(s3.pendingUploads(bucket)).isZero();
  }

  @Test
  void secretKeyAppearsInNeitherTheLogNorTheRunSummary() {
    String secret = s3.secretKey();
    // The capture is not empty: our progress lines and S3A's debug lines were logged.
    assertThat(firstRunLog).contains("[pairs]").contains("org.apache.hadoop.fs.s3a");
    assertThat(firstRunLog).doesNotContain(secret);
    String summary = s3.getString(bucket, "out/pairs.run-summary.json");
    assertThat(summary).doesNotContain(secret).doesNotContain(s3.accessKey());
    assertThat(first.summary().toJson()).doesNotContain(secret);
  }

  /** Caption phrase spans per annotation id, distinct, in order, without the main text. */
  private static Map<Long, List<String>> expectedAltTexts() {
    Map<Long, String> mainText = new HashMap<>();
    instances
        .get("annotations")
        .forEach(a -> mainText.put(a.get("id").asLong(), a.get("text").asText()));
    Map<Long, List<String>> out = new HashMap<>();
    for (JsonNode caption : captions.get("annotations")) {
      String text = caption.get("caption").asText();
      for (JsonNode phrase : caption.path("phrases")) {
        long id = phrase.get("ann_id").asLong();
        String span = text.substring(phrase.get("start").asInt(), phrase.get("end").asInt());
        List<String> list = out.computeIfAbsent(id, k -> new ArrayList<>());
        if (!span.equals(mainText.get(id)) && !list.contains(span)) {
          list.add(span);
        }
      }
    }
    return out;
  }

  /** The DuckDB type a column of our Parquet tables reads as. */
  static String duckDbType(Column column) {
    return switch (column.type()) {
      case STRING -> "VARCHAR";
      case INT -> "INTEGER";
      case LONG -> "BIGINT";
      case DOUBLE -> "DOUBLE";
      case FLOAT -> "FLOAT";
      case BOOLEAN -> "BOOLEAN";
      case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
      case STRING_ARRAY -> "VARCHAR[]";
      case DOUBLE_ARRAY -> "DOUBLE[]";
      case FLOAT_ARRAY -> "FLOAT[]";
      case RLE -> "STRUCT(size INTEGER[], counts VARCHAR)";
    };
  }
}
