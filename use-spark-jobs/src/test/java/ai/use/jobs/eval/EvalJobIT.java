package ai.use.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.eval.EvalTables;
import ai.use.common.eval.LabelImage;
import ai.use.common.eval.LabelLayout;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.tables.TableWriter;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval} on the toy world's label maps with predictions derived from them. */
class EvalJobIT {
  private static final int IMAGES = 6;

  @TempDir static Path world;
  @TempDir Path work;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void generateWorld() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(5, 1, IMAGES), world);
  }

  @AfterEach
  void resetConf() {
    spark.conf().unset("spark.use.partitions");
    spark.conf().unset("spark.use.maxErrorRate");
  }

  private static Path objects() {
    return world.resolve("semantic/objects/heldout");
  }

  private static List<Path> maps(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  /**
   * Writes a prediction per ground-truth map: raw value v becomes {@code f(v)} (in the toy layout)
   * at every pixel, with {@code bits}-bit PNGs.
   */
  private Path predictions(Path gtDir, IntUnaryOperator f, int bits) throws Exception {
    Path dir = work.resolve("pred");
    Files.createDirectories(dir);
    for (Path gt : maps(gtDir)) {
      LabelImage image = LabelImage.read(Files.readAllBytes(gt), gt.toString());
      int[] pred = image.values().clone();
      for (int i = 0; i < pred.length; i++) {
        pred[i] = f.applyAsInt(pred[i]);
      }
      Files.write(
          dir.resolve(gt.getFileName()),
          new LabelImage(image.width(), image.height(), bits, pred).encodePng());
    }
    return dir;
  }

  /** The confusion matrix counted directly from the ground-truth pixels and f, by hand. */
  private static long[][] byHand(Path gtDir, IntUnaryOperator f, int n) throws Exception {
    long[][] m = new long[n][n + 1];
    for (Path gt : maps(gtDir)) {
      for (int v : LabelImage.read(Files.readAllBytes(gt), gt.toString()).values()) {
        if (v != 0) {
          int p = f.applyAsInt(v);
          m[v - 1][p == 0 ? n : p - 1]++;
        }
      }
    }
    return m;
  }

  private EvalOptions options(Path pred, Path gt, Path classes, LabelLayout layout) {
    return new EvalOptions(
        pred.toUri().toString(),
        gt.toUri().toString(),
        classes.toUri().toString(),
        layout,
        layout,
        false,
        work.resolve("out").toUri().toString());
  }

  // squares predicted as triangles, every diamond pixel left unpredicted (0), background as circle
  private static final IntUnaryOperator CONFUSE = v -> v == 2 ? 3 : v == 4 ? 0 : v == 0 ? 1 : v;

  @Test
  void sparkMatrixEqualsTheHandCountedOneAndMetricsFollowIt() throws Exception {
    spark.conf().set("spark.use.partitions", "3");
    Path pred = predictions(objects(), CONFUSE, 8);
    Path classes = world.resolve("semantic/objects/classes.txt");

    EvalResult result = EvalJob.run(spark, options(pred, objects(), classes, LabelLayout.TOY));

    long[][] expected = byHand(objects(), CONFUSE, 4);
    for (int g = 0; g < 4; g++) {
      for (int p = 0; p <= 4; p++) {
        assertThat(result.matrix().get(g, p)).as("gt %d pred %d", g, p).isEqualTo(expected[g][p]);
      }
    }
    assertThat(result.images()).isEqualTo(IMAGES);
    assertThat(result.errors()).isZero();
    // circle: all its pixels right, no false positives (background is ignored) -> 1;
    // square -> 0 (all predicted triangle); triangle: tp / (gt + squares); diamond -> 0
    long tri = expected[2][2];
    double triangleIou = (double) tri / (tri + expected[1][2]);
    var perClass = result.metrics().perClass();
    assertThat(perClass.get(0).iou()).isEqualTo(1.0);
    assertThat(perClass.get(1).iou()).isZero();
    assertThat(perClass.get(2).iou()).isCloseTo(triangleIou, within(1e-12));
    assertThat(perClass.get(3).iou()).isZero();
    assertThat(result.metrics().miou()).isCloseTo((1 + triangleIou) / 4, within(1e-12));

    String out = work.resolve("out").toUri().toString();
    JsonNode metrics =
        new ObjectMapper().readTree(Files.readString(work.resolve("out/eval/metrics.json")));
    assertThat(metrics.get("miou").asDouble()).isEqualTo(result.metrics().miou());
    assertThat(metrics.get("per_class").get(2).get("class_name").asText()).isEqualTo("triangle");
    assertThat(metrics.get("layout").asText()).isEqualTo("toy");
    OutsideReader.Table table = OutsideReader.read(work.resolve("out/eval/class_metrics"));
    assertThat(table.rowCount()).isEqualTo(4);
    Map<String, Object> square = table.rows().get(1);
    assertThat(square.get("class_name")).isEqualTo("square");
    assertThat(((Number) square.get("gt_pixels")).longValue())
        .isEqualTo(
            expected[1][0] + expected[1][1] + expected[1][2] + expected[1][3] + expected[1][4]);
    List<Row> cells =
        spark
            .read()
            .parquet(EvalReport.root(out) + "/" + EvalTables.CONFUSION.name())
            .filter("pred_class = -1")
            .collectAsList();
    assertThat(cells).hasSize(1);
    assertThat(cells.get(0).getInt(cells.get(0).fieldIndex("gt_class"))).isEqualTo(3);
    assertThat(cells.get(0).getLong(cells.get(0).fieldIndex("pixels"))).isEqualTo(expected[3][4]);
    assertThat(Files.readString(work.resolve("out/eval.run-summary.json")))
        .contains("\"status\" : \"succeeded\"", "\"images_evaluated\" : " + IMAGES);
  }

  @Test
  void oneOrManyPartitionsGiveTheSameMatrix() throws Exception {
    Path pred = predictions(objects(), CONFUSE, 8);
    Path classes = world.resolve("semantic/objects/classes.txt");
    spark.conf().set("spark.use.partitions", "1");
    EvalResult one = EvalJob.run(spark, options(pred, objects(), classes, LabelLayout.TOY));
    spark.conf().set("spark.use.partitions", String.valueOf(IMAGES));
    EvalResult many = EvalJob.run(spark, options(pred, objects(), classes, LabelLayout.TOY));

    assertThat(many.matrix()).isEqualTo(one.matrix());
  }

  @Test
  void sixteenBitIndexMapsWithManyClasses() throws Exception {
    // The toy parts map re-coded as a 16-bit index layout with 600 classes: class k-1 -> 588 + k.
    Path gt16 = work.resolve("gt16");
    Files.createDirectories(gt16);
    for (Path gt : maps(world.resolve("semantic/parts/heldout"))) {
      LabelImage image = LabelImage.read(Files.readAllBytes(gt), gt.toString());
      int[] v = image.values().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] = v[i] == 0 ? 65535 : 587 + v[i];
      }
      Files.write(
          gt16.resolve(gt.getFileName()),
          new LabelImage(image.width(), image.height(), 16, v).encodePng());
    }
    Path classes = work.resolve("classes600.txt");
    StringBuilder names = new StringBuilder();
    for (int i = 0; i < 600; i++) {
      names.append("class ").append(i).append('\n');
    }
    Files.writeString(classes, names);
    Path pred = predictions(gt16, v -> v == 65535 ? 65535 : v == 588 ? 3 : v, 16);

    EvalResult result = EvalJob.run(spark, options(pred, gt16, classes, LabelLayout.INDEX16));

    var perClass = result.metrics().perClass();
    assertThat(perClass.get(588).iou()).as("circle body, predicted as class 3").isZero();
    assertThat(perClass.get(3).iou()).as("only predicted").isZero();
    assertThat(perClass.get(589).iou()).isEqualTo(1.0);
    assertThat(perClass.get(100).evaluated()).isFalse();
    assertThat(result.metrics().pixels()).isPositive();
    assertThat(result.images()).isEqualTo(IMAGES);
  }

  @Test
  void missingMismatchedAndBadPredictionsBecomeErrorRows() throws Exception {
    spark.conf().set("spark.use.maxErrorRate", "0.9");
    Path pred = predictions(objects(), v -> v, 8);
    List<Path> files = maps(pred);
    Files.delete(files.get(0));
    Files.write(files.get(1), new LabelImage(2, 2, 8, new int[] {1, 1, 1, 1}).encodePng());
    Files.write(files.get(2), new LabelImage(320, 240, 8, new int[320 * 240]).encodePng());
    int[] bad = new int[320 * 240];
    bad[7] = 9;
    Files.write(files.get(3), new LabelImage(320, 240, 8, bad).encodePng());
    Files.writeString(pred.resolve("extra.png"), "not a png");
    Path classes = world.resolve("semantic/objects/classes.txt");

    EvalResult result = EvalJob.run(spark, options(pred, objects(), classes, LabelLayout.TOY));

    assertThat(result.images()).isEqualTo(IMAGES - 3); // file 2 (all 0: nothing predicted) counts
    OutsideReader.Table errors =
        OutsideReader.read(
            Path.of(
                java.net.URI.create(
                    TableWriter.errorsPath(work.resolve("out").toUri().toString(), "eval"))));
    assertThat(errors.rows())
        .extracting(r -> r.get("error_class"))
        .containsExactlyInAnyOrder(
            "PredictionMissing", "SIZE_MISMATCH", "VALUE_OUT_OF_RANGE", "GroundTruthMissing");
    assertThat(errors.rows())
        .filteredOn(r -> r.get("error_class").equals("SIZE_MISMATCH"))
        .extracting(r -> (String) r.get("message"))
        .singleElement()
        .asString()
        .contains("is 2x2 but its ground truth", "is 320x240");
    assertThat(errors.rows())
        .filteredOn(r -> r.get("error_class").equals("VALUE_OUT_OF_RANGE"))
        .extracting(r -> (String) r.get("message"))
        .singleElement()
        .asString()
        .contains("holds the value 9");
    // Every image whose prediction was all "none" still counts: its pixels are misses.
    long missed = 0;
    for (int g = 0; g < 4; g++) {
      missed += result.matrix().get(g, result.matrix().none());
    }
    assertThat(missed).isPositive();

    spark.conf().set("spark.use.maxErrorRate", "0.1");
    assertThat(EvalJob.run(spark, options(pred, objects(), classes, LabelLayout.TOY)).succeeded())
        .isFalse();
  }

  @Test
  void partModeReportsEachObjectsPartMiou() throws Exception {
    Path gt = world.resolve("semantic/parts/heldout");
    Path pred = predictions(gt, v -> v, 8);
    EvalOptions o = options(pred, gt, world.resolve("semantic/parts/classes.txt"), LabelLayout.TOY);
    EvalOptions parts =
        new EvalOptions(
            o.predictions(),
            o.groundTruth(),
            o.classes(),
            o.layout(),
            o.predictionLayout(),
            true,
            o.out());

    EvalResult result = EvalJob.run(spark, parts);

    assertThat(result.metrics().miou()).isEqualTo(1.0);
    JsonNode metrics =
        new ObjectMapper().readTree(Files.readString(work.resolve("out/eval/metrics.json")));
    assertThat(metrics.get("mode").asText()).isEqualTo("parts");
    assertThat(metrics.get("part_miou_by_object").fieldNames())
        .toIterable()
        .isSubsetOf("circle", "square", "triangle", "diamond")
        .isNotEmpty();
  }

  @Test
  void badClassListsAndLayoutsStopBeforeAnySparkWork() throws Exception {
    Path classes = work.resolve("three.txt");
    Files.writeString(classes, "a\nb\nc\n");
    assertThatThrownBy(
            () ->
                EvalJob.run(spark, options(objects(), objects(), classes, LabelLayout.ADE20K_150)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layout ade20k-150 has 150 classes but");
    assertThatThrownBy(
            () ->
                EvalJob.run(
                    spark, options(objects(), work.resolve("nothing"), classes, LabelLayout.TOY)))
        .hasMessageContaining("--ground-truth")
        .hasMessageContaining("does not exist");
  }
}
