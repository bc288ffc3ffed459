package ai.use.jobs.query;

import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code query}: texts and example segments → the best segments (or images) of a {@code segments}
 * table by cosine similarity in CLIP text space. Writes {@code out/query/results} and {@code
 * out/query/queries} (Parquet), {@code out/query/index.html} with mask overlays, optionally an
 * embedding export, and {@code out/query.run-summary.json}.
 */
public final class QueryJob {
  private static final Logger LOG = LoggerFactory.getLogger(QueryJob.class);

  /** Job name: summary file name, Spark job group. */
  public static final String NAME = "query";

  private QueryJob() {}

  /**
   * The top {@code k} segments of the current view of {@code segments} for {@code text} (default
   * template), as data; writes nothing.
   */
  public static List<QueryHit> topSegments(
      SparkSession spark, String segments, String text, int k) {
    QueryResult result = run(spark, QueryOptions.text(segments, text, k));
    return result.hits().get(0).stream()
        .map(h -> new QueryHit(h.imageId(), h.segmentId(), h.score()))
        .toList();
  }

  /** Runs the job on {@code spark}. */
  public static QueryResult run(SparkSession spark, QueryOptions options) {
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobGroup(
        "use-" + NAME + "-" + runId, "USE query " + options.selection().segments(), false);
    ProgressListener progress = new ProgressListener(NAME, 5_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      Dataset<Row> segments = SegmentSource.read(spark, options.selection());
      List<Query> queries = new ArrayList<>();
      if (!options.texts().isEmpty()) {
        queries.addAll(TextQueries.embed(spark, options.texts(), options.template(), 0));
      }
      jsc.setCallSite("query: look up example segments");
      queries.addAll(ExampleQueries.resolve(segments, options.likes(), queries.size()));

      List<List<Hit>> hits = new ArrayList<>();
      LongAccumulator skipped = jsc.sc().longAccumulator("query.skippedRows");
      if (!queries.isEmpty()) {
        jsc.setCallSite("query: score segments, top-k per partition, merge");
        TopK top = Ranker.rank(segments, queries, options.top(), options.images(), skipped);
        for (int q = 0; q < queries.size(); q++) {
          hits.add(top.results(q));
        }
      }
      if (options.exportEmbeddings() != null) {
        jsc.setCallSite("query: export embeddings");
        EmbeddingExport.write(segments, options.exportEmbeddings(), options.exportFormat());
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      RunSummary summary =
          new RunSummary(NAME, runId)
              .status(RunStatus.SUCCEEDED, 0, 1)
              .count("queries", queries.size())
              .count("results", hits.stream().mapToLong(List::size).sum())
              .count("skipped_rows", skipped.value())
              .timing(seconds, 0)
              .stages(progress.completedStages())
              .config(SparkSessions.useProperties(spark))
              .options(options.asMap());
      if (options.out() != null) {
        jsc.setCallSite("query: write results, queries and the HTML page");
        QueryOutputs.write(spark, options, runId, queries, hits);
        HadoopFiles.writeString(
            summaryPath(options.out()), summary.toJson(), jsc.hadoopConfiguration());
      }
      LOG.info(
          "[query] {} queries, {} rows skipped, {} s",
          queries.size(),
          skipped.value(),
          String.format("%.1f", seconds));
      return new QueryResult(queries, hits, skipped.value(), seconds, summary);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      jsc.clearCallSite();
      jsc.clearJobGroup();
    }
  }

  /** Where the run summary of a run into {@code out} is written. */
  public static String summaryPath(String out) {
    return (out.endsWith("/") ? out : out + "/") + NAME + ".run-summary.json";
  }

  /** Root of the query outputs under {@code out}. */
  public static String root(String out) {
    return (out.endsWith("/") ? out : out + "/") + NAME;
  }
}
