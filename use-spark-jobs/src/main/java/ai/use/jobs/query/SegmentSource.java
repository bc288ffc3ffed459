package ai.use.jobs.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import ai.use.jobs.runtime.HadoopFiles;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the segments a query ranks ({@link SegmentSelection}): the {@code segments} table with
 * {@code run_date} as a string column, reduced to the current view (the latest {@code
 * label_manifest} row per image joined to its segments, DESIGN.md §8) when the manifest exists and
 * no run date was asked for, then filtered by model version and best label.
 */
final class SegmentSource {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentSource.class);

  private SegmentSource() {}

  static Dataset<Row> read(SparkSession spark, SegmentSelection s) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    requireTable(s.segments(), "--segments", conf);
    Dataset<Row> segments = withStringRunDate(spark.read().parquet(s.segments()));
    if (!s.runDates().isEmpty()) {
      segments = segments.filter(col("run_date").isin(s.runDates().toArray()));
    } else if (s.manifest() != null && exists(s.manifest(), conf)) {
      Dataset<Row> manifest = withStringRunDate(spark.read().parquet(s.manifest()));
      Dataset<Row> latest =
          manifest
              .groupBy("image_id")
              .agg(max(struct(col("run_date"), col("model_version"))).as("latest"))
              .select(
                  col("image_id"),
                  col("latest.run_date").as("run_date"),
                  col("latest.model_version").as("model_version"));
      segments =
          segments.join(latest, columns("image_id", "run_date", "model_version"), "left_semi");
    } else {
      LOG.info("[query] no label_manifest at {}: ranking every segment row", s.manifest());
    }
    if (s.modelVersion() != null) {
      segments = segments.filter(col("model_version").equalTo(s.modelVersion()));
    }
    if (s.label() != null) {
      segments = withLabel(spark, segments, s, conf);
    }
    return segments;
  }

  private static Dataset<Row> withLabel(
      SparkSession spark, Dataset<Row> segments, SegmentSelection s, Configuration conf) {
    String labelsPath =
        s.labels() != null ? s.labels() : SegmentSelection.sibling(s.segments(), "segment_labels");
    requireTable(labelsPath, "--labels", conf);
    Dataset<Row> labels = spark.read().parquet(labelsPath);
    String vocab = s.vocabId();
    if (vocab == null) {
      List<String> vocabs =
          labels.select("vocab_id").distinct().as(Encoders.STRING()).collectAsList();
      if (vocabs.size() != 1) {
        throw new IllegalArgumentException(
            "--label needs --vocab-id: "
                + labelsPath
                + " holds "
                + (vocabs.isEmpty() ? "no vocabulary" : "the vocabularies " + vocabs));
      }
      vocab = vocabs.get(0);
    }
    Dataset<Row> best =
        labels
            .filter(col("vocab_id").equalTo(vocab))
            .filter(element_at(col("labels"), 1).equalTo(s.label()))
            .select("image_id", "segment_id", "model_version");
    return segments.join(best, columns("image_id", "segment_id", "model_version"), "left_semi");
  }

  private static scala.collection.immutable.Seq<String> columns(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toList();
  }

  /** Partition discovery may type run_date as a date: always expose it as yyyy-MM-dd text. */
  private static Dataset<Row> withStringRunDate(Dataset<Row> frame) {
    if (!List.of(frame.columns()).contains("run_date")) {
      throw new IllegalArgumentException(
          "table has no run_date partition column; expected folders run_date=YYYY-MM-DD");
    }
    return frame.withColumn("run_date", col("run_date").cast("string"));
  }

  private static void requireTable(String uri, String option, Configuration conf) {
    if (!exists(uri, conf)) {
      throw new IllegalArgumentException(
          option
              + " "
              + uri
              + " does not exist"
              + HadoopFiles.where(new Path(uri), conf)
              + "; check the path");
    }
  }

  private static boolean exists(String uri, Configuration conf) {
    Path path = new Path(uri);
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("read", uri, e, conf);
    }
  }
}
