package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.config.PairsKeys;
import ai.use.common.table.Tables;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.jobs.tables.TableWriter;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source annotations} (the model pipeline with the toy zoo) on four held-out toy
 * images: bad inputs become errors rows, reruns replace, the other caption formats work, and the
 * tables read back from outside the JVM.
 */
class ModelPairsJobIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> COLOURS =
      List.of("red", "green", "blue", "yellow", "purple", "orange");
  private static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond");

  @TempDir static Path world;
  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void generateWorld() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 4), world);
  }

  @AfterEach
  void resetConf() {
    spark.conf().unset("spark.use.maxErrorRate");
  }

  private String images() {
    return world.resolve("images/heldout").toUri().toString();
  }

  private String captions() {
    return world.resolve("annotations/captions_heldout.json").toUri().toString();
  }

  private Dataset<Row> table(String name) {
    return spark.read().parquet(out.resolve(name).toUri().toString());
  }

  private Dataset<Row> errors() {
    return spark.read().parquet(TableWriter.errorsPath(out.toUri().toString(), PairsJob.NAME));
  }

  private PairsResult run(String images, String captions, String format) {
    return PairsJob.run(
        spark, PairsOptions.annotations(images, captions, format, out.toUri().toString()));
  }

  @Test
  void corruptImageNoPhrasesAndUngroundablePhraseBecomeErrorRowsAndTheRestArePairs()
      throws Exception {
    Path images = Files.createDirectories(out.resolve("input"));
    try (var files = Files.list(world.resolve("images/heldout"))) {
      for (Path f : files.toList()) {
        Files.copy(f, images.resolve(f.getFileName()));
      }
    }
    Files.write(images.resolve("toy_heldout_00000.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    ObjectNode captions =
        (ObjectNode) JSON.readTree(world.resolve("annotations/captions_heldout.json").toFile());
    ArrayNode annotations = (ArrayNode) captions.get("annotations");
    for (JsonNode c : annotations) {
      if (c.get("image_id").asLong() == 2) {
        ((ObjectNode) c).put("caption", "Quickly and quietly.");
      }
    }
    String absent = absentObject(3);
    String caption = "A picture of a " + absent + ".";
    annotations.addObject().put("id", 999).put("image_id", 3).put("caption", caption);
    Path file = out.resolve("captions_edited.json");
    JSON.writeValue(file.toFile(), captions);
    spark.conf().set("spark.use.maxErrorRate", "1.0");

    PairsResult result = run(images.toUri().toString(), file.toUri().toString(), "coco");

    List<Row> errors =
        errors().select("uri", "stage", "item", "error_class", "message").collectAsList();
    Row decode = only(errors, "decode");
    assertThat(decode.getString(0)).endsWith("toy_heldout_00000.png");
    assertThat(decode.getString(2)).isEqualTo("image");
    assertThat(decode.getString(4)).contains("captions were not used");
    Row noPhrases = only(errors, "phrases");
    assertThat(noPhrases.getString(0)).endsWith("toy_heldout_00001.png");
    assertThat(noPhrases.getString(3)).isEqualTo("NoPhrases");
    assertThat(noPhrases.getString(4)).contains("Quickly and quietly.");
    int start = caption.indexOf("a " + absent);
    Row noBox =
        errors.stream()
            .filter(
                r -> r.getString(2).equals("phrase:999:" + start + "-" + (caption.length() - 1)))
            .findFirst()
            .orElseThrow();
    assertThat(noBox.getString(1)).isEqualTo("ground");
    assertThat(noBox.getString(3)).isEqualTo("NoBoxAboveThreshold");
    assertThat(noBox.getString(4)).contains("spark.use.pairs.boxThreshold = 0.3");

    Dataset<Row> pairs = table("pairs");
    assertThat(pairs.schema().fieldNames())
        .containsExactly(SparkSchemas.of(Tables.PAIRS).fieldNames());
    assertThat(pairs.count()).isEqualTo(result.pairs()).isPositive();
    List<String> uris =
        pairs
            .select("image_uri")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    assertThat(uris).allMatch(u -> u.endsWith("00002.png") || u.endsWith("00003.png"));
    // Objects need boxThreshold (0.3), parts only partBoxThreshold (0.05).
    assertThat(
            pairs
                .filter(
                    "source = 'annotations' and mask_score is not null and stability is not null"
                        + " and grounding_score >= case granularity"
                        + " when 'object' then "
                        + PairsKeys.BOX_THRESHOLD.defaultValue()
                        + " when 'part' then "
                        + PairsKeys.PART_BOX_THRESHOLD.defaultValue()
                        + " end")
                .count())
        .isEqualTo(result.pairs());
    // Every pair has exactly one primary span, and spans are the captions' text.
    Dataset<Row> spans = table("pair_spans");
    assertThat(spans.filter("primary").count()).isEqualTo(result.pairs());
    assertThat(spans.filter("primary").select("pair_id").distinct().count())
        .isEqualTo(result.pairs());
    JsonNode summary = JSON.readTree(out.resolve("pairs.run-summary.json").toFile());
    assertThat(summary.at("/errors_by_stage/decode").asLong()).isEqualTo(1);
    assertThat(summary.at("/errors_by_stage/phrases").asLong()).isEqualTo(1);
    assertThat(summary.at("/counts/images_read").asLong()).isEqualTo(4);
    assertThat(summary.at("/counts/images_decoded").asLong()).isEqualTo(3);
    assertThat(summary.at("/counts/pairs").asLong()).isEqualTo(result.pairs());
    assertThat(summary.at("/counts/part_phrases").asLong()).isPositive();
    assertThat(summary.at("/counts/phrases").asLong())
        .isGreaterThanOrEqualTo(summary.at("/counts/phrases_with_box").asLong());
    assertThat(summary.path("pairs_per_image").asDouble()).isEqualTo(result.pairs() / 4.0);
    assertThat(summary.path("images_per_second").asDouble()).isPositive();
    assertThat(summary.at("/options/source").asText()).isEqualTo("annotations");
  }

  @Test
  void rerunReplacesTheTablesWithTheSamePairIds() {
    PairsResult first = run(images(), captions(), "auto");
    Set<String> ids =
        new HashSet<>(
            table("pairs")
                .select("pair_id")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    long spans = table("pair_spans").count();

    PairsResult second = run(images(), captions(), "auto");

    assertThat(second.pairs()).isEqualTo(first.pairs()).isEqualTo(ids.size());
    assertThat(
            new HashSet<>(
                table("pairs")
                    .select("pair_id")
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList()))
        .isEqualTo(ids);
    assertThat(table("pairs").select("run_id").distinct().count()).isEqualTo(1);
    assertThat(table("pair_spans").count()).isEqualTo(spans);
    OutsideReader.Table outside = OutsideReader.read(out.resolve("pairs"));
    assertThat(outside.rowCount()).isEqualTo(ids.size());
    assertThat(outside.type("mask")).isEqualTo("STRUCT(size INTEGER[], counts VARCHAR)");
    assertThat(OutsideReader.read(out.resolve("pair_spans")).rowCount()).isEqualTo(spans);
  }

  @Test
  void csvAndParquetTablesAndVisualGenomeRegionsAreCaptionSources() throws Exception {
    Path csv = out.resolve("captions.csv");
    String caption = "A picture of a " + presentObject(3) + ".";
    Files.writeString(csv, "uri,caption\ntoy_heldout_00002.png,\"" + caption + "\"\n");
    PairsResult fromCsv = run(images(), csv.toUri().toString(), "auto");
    assertThat(fromCsv.pairs()).isPositive();
    assertThat(table("pairs").select("image_uri").first().getString(0)).endsWith("00002.png");
    List<String> csvPairs = segments();
    String imageId = table("pairs").select("image_id").first().getString(0);

    // The same caption as a Parquet table (written by Spark, a folder), keyed by the job's
    // image_id this time: the same segments and texts come out.
    Path parquet = out.resolve("captions_table");
    spark
        .createDataFrame(
            List.of(RowFactory.create(imageId, caption)),
            new StructType()
                .add("image_id", DataTypes.StringType)
                .add("caption", DataTypes.StringType))
        .write()
        .parquet(parquet.toUri().toString());
    PairsResult fromParquet = run(images(), parquet.toUri().toString(), "auto");
    assertThat(fromParquet.pairs()).isEqualTo(fromCsv.pairs());
    assertThat(segments()).isEqualTo(csvPairs);
    JsonNode summary = JSON.readTree(out.resolve("pairs.run-summary.json").toFile());
    assertThat(summary.at("/counts/captioned_images").asLong()).isEqualTo(1);
    assertThat(summary.at("/counts/captions_in_source").asLong()).isEqualTo(1);

    JsonNode object = objectAnnotation(4);
    ArrayNode vg = JSON.createArrayNode();
    ObjectNode region = vg.addObject().put("id", 4).putArray("regions").addObject();
    JsonNode box = object.get("bbox");
    region
        .put("region_id", 41)
        .put("image_id", 4)
        .put("phrase", " " + object.get("text").asText() + " ");
    region.put("x", box.get(0).asDouble()).put("y", box.get(1).asDouble());
    region.put("width", box.get(2).asDouble()).put("height", box.get(3).asDouble());
    Path regions = out.resolve("region_descriptions.json");
    JSON.writeValue(regions.toFile(), vg);
    // VG names files by image id: give image 4 its VG-style name.
    Path vgImages = Files.createDirectories(out.resolve("vg"));
    Files.copy(world.resolve("images/heldout/toy_heldout_00003.png"), vgImages.resolve("4.png"));

    PairsResult fromVg = run(vgImages.toUri().toString(), regions.toUri().toString(), "auto");

    assertThat(fromVg.pairs()).isEqualTo(1);
    Row pair = table("pairs").select("text", "grounding_score", "annotation_id", "mask").first();
    assertThat(pair.getString(0)).isEqualTo(object.get("text").asText());
    assertThat(pair.isNullAt(1)).as("a given box skips grounding").isTrue();
    assertThat(pair.getLong(2)).isEqualTo(41);
    Row span = table("pair_spans").select("span_start", "span_end").first();
    assertThat(span.getInt(0)).isEqualTo(1);
  }

  /** The written pairs as sorted "image granularity text box area" lines (ids left out). */
  private List<String> segments() {
    return table("pairs")
        .selectExpr(
            "concat_ws(' ', image_uri, granularity, text, cast(box as string), cast(area as"
                + " string))")
        .as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList()
        .stream()
        .sorted()
        .toList();
  }

  private static Row only(List<Row> errors, String stage) {
    List<Row> rows = errors.stream().filter(r -> r.getString(1).equals(stage)).toList();
    assertThat(rows).as("errors of stage %s", stage).hasSize(1);
    return rows.get(0);
  }

  /** The first object annotation of image {@code imageId}. */
  private static JsonNode objectAnnotation(long imageId) throws Exception {
    JsonNode instances =
        JSON.readTree(world.resolve("annotations/instances_heldout.json").toFile());
    for (JsonNode a : instances.get("annotations")) {
      if (a.get("image_id").asLong() == imageId && a.get("granularity").asText().equals("object")) {
        return a;
      }
    }
    throw new IllegalStateException("image " + imageId + " has no object");
  }

  /** "large red circle"-style words of an object in the image. */
  private static String presentObject(long imageId) throws Exception {
    JsonNode a = objectAnnotation(imageId).get("attributes");
    return a.get("size").asText() + " " + a.get("colour").asText() + " " + a.get("shape").asText();
  }

  /** A colour and shape no object or part of the image has. */
  private static String absentObject(long imageId) throws Exception {
    JsonNode instances =
        JSON.readTree(world.resolve("annotations/instances_heldout.json").toFile());
    Set<String> colours = new HashSet<>();
    Set<String> shapes = new HashSet<>();
    for (JsonNode a : instances.get("annotations")) {
      if (a.get("image_id").asLong() == imageId) {
        colours.add(a.get("attributes").get("colour").asText());
        shapes.add(a.get("attributes").get("shape").asText());
      }
    }
    String colour = COLOURS.stream().filter(c -> !colours.contains(c)).findFirst().orElseThrow();
    String shape = SHAPES.stream().filter(s -> !shapes.contains(s)).findFirst().orElse("circle");
    return "large " + colour + " " + shape;
  }
}
