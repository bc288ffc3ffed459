package ai.use.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code query} over fixture tables in the label job's schemas: toy-world ground-truth segments
 * whose embeddings are the toy CLIP text embeddings of their true texts plus noise.
 */
class QueryJobIT {
  private static final String NIGHT1 = "2026-11-24";
  private static final String NIGHT2 = "2026-11-25";

  @TempDir static Path world;
  @TempDir static Path tables;
  private static List<ToySegments.Segment> night1;
  private static List<ToySegments.Segment> night2;

  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @BeforeAll
  static void writeTables() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(3, 0, 12), world);
    SparkSession spark = SharedSpark.get();
    List<ToySegments.Segment> all = ToySegments.of(world, "heldout", "m1", 0.03, 1);
    night1 = all;
    ToySegments.writeSegments(spark, tables, NIGHT1, night1);
    ToySegments.writeManifest(spark, tables, NIGHT1, "m1", night1);
    // Night 2 relabels the first two images with model m2 (noisier embeddings): the current view
    // holds their m2 rows and the m1 rows of the other images.
    Set<String> relabeled =
        all.stream()
            .map(ToySegments.Segment::imageId)
            .distinct()
            .limit(2)
            .collect(Collectors.toSet());
    night2 =
        ToySegments.of(world, "heldout", "m2", 0.05, 2).stream()
            .filter(s -> relabeled.contains(s.imageId()))
            .toList();
    ToySegments.writeSegments(spark, tables, NIGHT2, night2);
    ToySegments.writeManifest(spark, tables, NIGHT2, "m2", night2);
    ToySegments.writeLabels(spark, tables, "m1", night1);
  }

  @AfterEach
  void resetConf() {
    spark.conf().unset("spark.use.partitions");
  }

  private static String segmentsUri() {
    return tables.resolve("segments").toUri().toString();
  }

  private static List<ToySegments.Segment> currentView() {
    Set<String> relabeled =
        night2.stream().map(ToySegments.Segment::imageId).collect(Collectors.toSet());
    List<ToySegments.Segment> view = new ArrayList<>(night2);
    night1.stream().filter(s -> !relabeled.contains(s.imageId())).forEach(view::add);
    return view;
  }

  private QueryOptions options(
      SegmentSelection selection, List<String> texts, List<String> likes, int top, boolean images) {
    return new QueryOptions(
        selection,
        texts,
        likes,
        top,
        images,
        TextQueries.DEFAULT_TEMPLATE,
        out.toUri().toString(),
        null,
        "parquet");
  }

  /** The brute-force ranking of {@code segments} for {@code query}, best first (the test's own). */
  private static List<String> bruteForce(List<ToySegments.Segment> segments, float[] q, int k) {
    return segments.stream()
        .sorted(
            Comparator.comparingDouble((ToySegments.Segment s) -> -score(s.embedding(), q))
                .thenComparing(ToySegments.Segment::imageId)
                .thenComparing(ToySegments.Segment::segmentId))
        .limit(k)
        .map(s -> s.imageId() + ":" + s.segmentId())
        .toList();
  }

  private static double score(float[] e, float[] q) {
    double dot = 0;
    double norm = 0;
    for (int i = 0; i < e.length; i++) {
      dot += (double) e[i] * q[i];
      norm += (double) e[i] * e[i];
    }
    return dot / Math.sqrt(norm);
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(h -> h.imageId() + ":" + h.segmentId()).toList();
  }

  @Test
  void aColourShapeTextReturnsExactlyThoseToySegmentsFirst() {
    List<ToySegments.Segment> view = currentView();
    Map<String, Long> objectCounts =
        view.stream()
            .filter(s -> s.granularity().equals("object"))
            .collect(
                Collectors.groupingBy(
                    s -> s.colour() + " " + s.shape(), LinkedHashMap::new, Collectors.counting()));
    String text =
        objectCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    int expected = objectCounts.get(text).intValue();
    assertThat(expected).as("fixture has a repeated colour/shape").isGreaterThanOrEqualTo(2);

    QueryResult result =
        QueryJob.run(
            spark,
            options(
                SegmentSelection.currentView(segmentsUri()), List.of(text), List.of(), 20, false));

    List<Hit> hits = result.hits().get(0);
    assertThat(hits).hasSize(20);
    Set<String> truth =
        view.stream()
            .filter(
                s -> s.granularity().equals("object") && text.equals(s.colour() + " " + s.shape()))
            .map(s -> s.imageId() + ":" + s.segmentId())
            .collect(Collectors.toSet());
    assertThat(ids(hits.subList(0, expected))).as(text).containsExactlyInAnyOrderElementsOf(truth);
    assertThat(hits).isSortedAccordingTo(Hit.BEST_FIRST);
    assertThat(result.queries().get(0).prompt()).isEqualTo("a photo of a " + text + ".");
  }

  @Test
  void sparkTopKEqualsBruteForceOverTheCurrentViewOnManyPartitions() {
    spark.conf().set("spark.sql.files.maxPartitionBytes", "2000");
    try {
      String like = night1.get(5).imageId() + ":" + night1.get(5).segmentId();
      QueryResult result =
          QueryJob.run(
              spark,
              options(
                  SegmentSelection.currentView(segmentsUri()),
                  List.of("red circle", "blue top of the green square", "large triangle"),
                  List.of(like),
                  7,
                  false));

      List<ToySegments.Segment> view = currentView();
      assertThat(result.queries()).hasSize(4);
      for (int q = 0; q < 4; q++) {
        assertThat(ids(result.hits().get(q)))
            .as(result.queries().get(q).text())
            .containsExactlyElementsOf(bruteForce(view, result.queries().get(q).embedding(), 7));
      }
      assertThat(ids(result.hits().get(3)).get(0))
          .as("an example is its own best match")
          .isEqualTo(like);
      assertThat(result.skippedRows()).isZero();
    } finally {
      spark.conf().unset("spark.sql.files.maxPartitionBytes");
    }
  }

  @Test
  void imagesAreRankedByTheirBestSegment() {
    QueryResult result =
        QueryJob.run(
            spark,
            options(
                SegmentSelection.currentView(segmentsUri()),
                List.of("red circle"),
                List.of(),
                5,
                true));

    float[] q = result.queries().get(0).embedding();
    Map<String, Double> best = new LinkedHashMap<>();
    for (ToySegments.Segment s : currentView()) {
      best.merge(s.imageId(), score(s.embedding(), q), Math::max);
    }
    List<String> expected =
        best.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(Map.Entry::getKey)
            .toList();
    List<Hit> hits = result.hits().get(0);
    assertThat(hits).extracting(Hit::imageId).containsExactlyElementsOf(expected);
    for (Hit h : hits) {
      assertThat(h.score()).isEqualTo(best.get(h.imageId()));
    }
  }

  @Test
  void filtersSelectTheCurrentViewRunDatesModelVersionsAndLabels() {
    int all = night1.size() + night2.size();
    SegmentSelection view = SegmentSelection.currentView(segmentsUri());
    assertThat(rankedCount(view)).isEqualTo(currentView().size());
    assertThat(
            rankedCount(
                new SegmentSelection(segmentsUri(), null, List.of(), null, null, null, null)))
        .isEqualTo(all);
    assertThat(
            rankedCount(
                new SegmentSelection(segmentsUri(), null, List.of(NIGHT2), null, null, null, null)))
        .isEqualTo(night2.size());
    assertThat(
            rankedCount(
                new SegmentSelection(segmentsUri(), null, List.of(), "m2", null, null, null)))
        .isEqualTo(night2.size());

    SegmentSelection circles =
        new SegmentSelection(segmentsUri(), view.manifest(), List.of(), null, null, "circle", null);
    QueryResult result =
        QueryJob.run(spark, options(circles, List.of("red square"), List.of(), 1000, false));
    Set<String> expected =
        currentView().stream()
            .filter(s -> s.granularity().equals("object") && s.shape().equals("circle"))
            .filter(s -> night1.contains(s)) // labels exist for the m1 rows only
            .map(s -> s.imageId() + ":" + s.segmentId())
            .collect(Collectors.toSet());
    assertThat(ids(result.hits().get(0))).containsExactlyInAnyOrderElementsOf(expected);
  }

  private long rankedCount(SegmentSelection selection) {
    return QueryJob.run(spark, options(selection, List.of("circle"), List.of(), 10_000, false))
        .hits()
        .get(0)
        .size();
  }

  @Test
  void writesTheResultsTableTheHtmlPageWithOverlaysAndAProvenDuckDbRecipe() throws Exception {
    QueryResult result =
        QueryJob.run(
            spark,
            options(
                new SegmentSelection(segmentsUri(), null, List.of(NIGHT1), null, null, null, null),
                List.of("green square"),
                List.of(),
                4,
                false));

    OutsideReader.Table table = OutsideReader.read(out.resolve("query/results"));
    assertThat(table.rowCount()).isEqualTo(4);
    assertThat(table.rows()).extracting(r -> r.get("rank")).containsExactly(1, 2, 3, 4);
    assertThat(table.rows())
        .extracting(r -> r.get("image_id") + ":" + r.get("segment_id"))
        .containsExactlyElementsOf(ids(result.hits().get(0)));
    assertThat(table.type("mask")).isEqualTo("STRUCT(size INTEGER[], counts VARCHAR)");

    String html = Files.readString(out.resolve("query/index.html"));
    assertThat(html)
        .contains("green square", "overlays/q0_r1.png")
        .doesNotContain("image not shown");
    var overlay =
        ImageIO.read(
            new ByteArrayInputStream(Files.readAllBytes(out.resolve("query/overlays/q0_r4.png"))));
    assertThat(overlay.getWidth()).isEqualTo(QueryOutputs.OVERLAY_SIDE);

    // The recipe of docs/query.md, run by DuckDB on the files as written.
    String sql =
        Files.readString(Path.of("..", "docs", "query.md"))
            .lines()
            .dropWhile(l -> !l.equals("```sql"))
            .skip(1)
            .takeWhile(l -> !l.equals("```"))
            .collect(Collectors.joining("\n"))
            .replace("TABLES", tables.toString())
            .replace("OUT", out.toString());
    List<String> duck = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        duck.add(rs.getString("image_id") + ":" + rs.getString("segment_id"));
      }
    }
    assertThat(duck).containsExactlyElementsOf(ids(result.hits().get(0)));
  }

  @Test
  void exportsEmbeddingsAsParquetAndNpyWithIds() throws Exception {
    SegmentSelection view = SegmentSelection.currentView(segmentsUri());
    String parquet = out.resolve("export-parquet").toUri().toString();
    String npy = out.resolve("export-npy").toUri().toString();
    QueryJob.run(
        spark,
        new QueryOptions(view, List.of(), List.of(), 1, false, "{}", null, parquet, "parquet"));
    QueryJob.run(
        spark, new QueryOptions(view, List.of(), List.of(), 1, false, "{}", null, npy, "npy"));

    assertThat(OutsideReader.read(out.resolve("export-parquet")).rowCount())
        .isEqualTo(currentView().size());
    Map<String, float[]> byId = new LinkedHashMap<>();
    currentView()
        .forEach(
            s ->
                byId.put(
                    s.imageId() + ":" + s.segmentId() + ":" + s.row().getString(10),
                    s.embedding()));
    long rows = 0;
    try (var files = Files.list(out.resolve("export-npy"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".npy")).sorted().toList()) {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        assertThat(magic[0]).isEqualTo((byte) 0x93);
        assertThat(new String(magic, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        b.get();
        b.get();
        int headerLength = b.getShort();
        byte[] header = new byte[headerLength];
        b.get(header);
        assertThat((10 + headerLength) % 64).isZero();
        List<String> ids = Files.readAllLines(Path.of(f.toString().replace(".npy", ".ids.tsv")));
        assertThat(new String(header, StandardCharsets.US_ASCII))
            .startsWith(
                "{'descr': '<f4', 'fortran_order': False, 'shape': (" + ids.size() + ", 32), }");
        for (String line : ids) {
          String[] p = line.split("\t");
          float[] expected = byId.get(p[0] + ":" + p[1] + ":" + p[2]);
          for (float x : expected) {
            assertThat(b.getFloat()).isEqualTo(x);
          }
          rows++;
        }
        assertThat(b.remaining()).isZero();
      }
    }
    assertThat(rows).isEqualTo(currentView().size());
  }

  @Test
  void topSegmentsGivesTheDemoPlainData() {
    List<QueryHit> hits = QueryJob.topSegments(spark, segmentsUri(), "yellow diamond", 3);
    assertThat(hits).hasSize(3);
    assertThat(hits.get(0).score()).isGreaterThanOrEqualTo(hits.get(2).score());
  }

  @Test
  void badInputsAreNamed() {
    SegmentSelection view = SegmentSelection.currentView(segmentsUri());
    assertThatThrownBy(
            () -> QueryJob.run(spark, options(view, List.of(), List.of("nope:1"), 3, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--like nope:1: no segment with image_id nope and segment_id 1");
    assertThatThrownBy(
            () ->
                QueryJob.run(
                    spark,
                    options(
                        SegmentSelection.currentView(out.resolve("missing").toUri().toString()),
                        List.of("x"),
                        List.of(),
                        3,
                        false)))
        .hasMessageContaining("--segments")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> options(view, List.of("x"), List.of(), 0, false))
        .hasMessageContaining("--top must be a positive number");
  }
}
