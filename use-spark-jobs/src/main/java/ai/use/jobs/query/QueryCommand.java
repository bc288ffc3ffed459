package ai.use.jobs.query;

import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.SparkSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use query}: the query job on the command line. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = {
      "Rank segments (or images) of a segments table by cosine similarity with texts or an"
          + " example segment.",
      "Writes OUT/query/results and OUT/query/queries (Parquet), OUT/query/index.html with"
          + " overlays and OUT/query.run-summary.json; see docs/query.md.",
      "Exit code: 0 ok, 2 bad options or inputs."
    })
public final class QueryCommand implements Callable<Integer> {
  @Option(
      names = "--segments",
      required = true,
      paramLabel = "URI",
      description = "the segments table (folders run_date=YYYY-MM-DD)")
  String segments;

  @Option(names = "--text", paramLabel = "TEXT", description = "a query text (repeatable)")
  List<String> texts = new ArrayList<>();

  @Option(names = "--texts", paramLabel = "FILE", description = "a file of query texts, one a line")
  String textsFile;

  @Option(
      names = "--like",
      paramLabel = "IMAGE_ID:SEGMENT_ID",
      description = "query by example segment (repeatable)")
  List<String> likes = new ArrayList<>();

  @Option(names = "--top", defaultValue = "20", description = "results per query (default 20)")
  int top;

  @Option(names = "--images", description = "rank images by their best segment")
  boolean images;

  @Option(
      names = "--run-date",
      paramLabel = "YYYY-MM-DD",
      description =
          "only these nights' partitions, as written (repeatable; skips the current view)")
  List<String> runDates = new ArrayList<>();

  @Option(names = "--model-version", description = "only segments of this model_version")
  String modelVersion;

  @Option(names = "--label", description = "only segments whose best label is this class")
  String label;

  @Option(names = "--vocab-id", description = "vocabulary of --label (default: the only one)")
  String vocabId;

  @Option(
      names = "--labels",
      paramLabel = "URI",
      description = "segment_labels table (default: beside --segments)")
  String labels;

  @Option(
      names = "--manifest",
      paramLabel = "URI",
      description = "label_manifest table for the current view (default: beside --segments)")
  String manifest;

  @Option(names = "--all-rows", description = "rank every row, not the current view")
  boolean allRows;

  @Option(
      names = "--template",
      defaultValue = TextQueries.DEFAULT_TEMPLATE,
      description = "prompt template, {} = the text (default '${DEFAULT-VALUE}')")
  String template;

  @Option(names = "--out", paramLabel = "URI", description = "output root (results, HTML)")
  String out;

  @Option(
      names = "--export-embeddings",
      paramLabel = "URI",
      description = "export the selected segments' embeddings with their ids to this folder")
  String exportEmbeddings;

  @Option(
      names = "--export-format",
      defaultValue = "parquet",
      description = "parquet or npy (default ${DEFAULT-VALUE})")
  String exportFormat;

  @Override
  public Integer call() {
    if (out == null && exportEmbeddings == null) {
      throw new IllegalArgumentException("give --out (results and HTML) or --export-embeddings");
    }
    if (texts.isEmpty() && textsFile == null && likes.isEmpty() && exportEmbeddings == null) {
      throw new IllegalArgumentException(
          "nothing to do: give --text, --texts, --like or --export-embeddings");
    }
    if (top <= 0) {
      throw new IllegalArgumentException("--top must be a positive number, got " + top);
    }
    SparkSession spark = SparkSessions.getOrCreate("use-query");
    try {
      List<String> all = new ArrayList<>(texts);
      if (textsFile != null) {
        all.addAll(readLines(textsFile, spark));
      }
      SegmentSelection selection =
          new SegmentSelection(
              segments,
              allRows
                  ? null
                  : manifest != null
                      ? manifest
                      : SegmentSelection.sibling(segments, "label_manifest"),
              runDates,
              modelVersion,
              labels,
              label,
              vocabId);
      QueryResult result =
          QueryJob.run(
              spark,
              new QueryOptions(
                  selection,
                  all,
                  likes,
                  top,
                  images,
                  template,
                  out,
                  exportEmbeddings,
                  exportFormat));
      System.out.println(result.summary().toJson());
      for (int q = 0; q < result.queries().size(); q++) {
        System.out.println(result.queries().get(q).text());
        int rank = 1;
        for (Hit h : result.hits().get(q)) {
          System.out.printf("  %3d  %.4f  %s  %s%n", rank++, h.score(), h.imageId(), h.segmentId());
        }
      }
      return 0;
    } finally {
      spark.stop();
    }
  }

  private static List<String> readLines(String uri, SparkSession spark) {
    try (InputStream in =
        HadoopFiles.open(uri, spark.sparkContext().hadoopConfiguration(), "--texts")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --texts " + uri + ": " + e.getMessage(), e);
    }
  }
}
