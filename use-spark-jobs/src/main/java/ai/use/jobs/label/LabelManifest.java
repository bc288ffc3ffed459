package ai.use.jobs.label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Reading the label_manifest: the skip rule of a run and the current view (DESIGN.md §8).
 *
 * <p>Skip rule: an image is skipped when the manifest holds a row for it with the run's
 * model_version, the same length and modification time, a status other than {@code error}, and a
 * run_date before the run's. Current view: the latest manifest row per image (by run_date, then
 * run_id) joined to its segments on (image_id, model_version, run_date).
 */
public final class LabelManifest {
  private LabelManifest() {}

  /** Key of an unchanged image: image_id, length and modification time (epoch ms). */
  static String key(String imageId, long length, long modificationTime) {
    return imageId + "|" + length + "|" + modificationTime;
  }

  /** Keys of the images a run on {@code runDate} with {@code modelVersion} skips. */
  static Set<String> skipKeys(
      SparkSession spark, String out, LocalDate runDate, String modelVersion) {
    Set<String> keys = new HashSet<>();
    if (!exists(LabelPaths.manifest(out), spark.sparkContext().hadoopConfiguration())) {
      return keys;
    }
    for (Row r :
        read(spark, out)
            .filter(
                functions
                    .col(LabelPaths.RUN_DATE)
                    .cast("string")
                    .lt(runDate.toString())
                    .and(functions.col("model_version").equalTo(modelVersion))
                    .and(functions.col("status").notEqual(ImageStatus.ERROR.label())))
            .select("image_id", "length", "modification_time")
            .collectAsList()) {
      keys.add(key(r.getString(0), r.getLong(1), r.getTimestamp(2).getTime()));
    }
    return keys;
  }

  /** The manifest with its run_date partition column (as a string, YYYY-MM-DD). */
  public static Dataset<Row> read(SparkSession spark, String out) {
    return spark
        .read()
        .option("basePath", LabelPaths.manifest(out))
        .parquet(LabelPaths.manifest(out))
        .withColumn(LabelPaths.RUN_DATE, functions.col(LabelPaths.RUN_DATE).cast("string"));
  }

  /** The latest manifest row of every image. */
  public static Dataset<Row> latest(SparkSession spark, String out) {
    var byImage =
        Window.partitionBy("image_id")
            .orderBy(functions.col(LabelPaths.RUN_DATE).desc(), functions.col("run_id").desc());
    return read(spark, out)
        .withColumn("_rank", functions.row_number().over(byImage))
        .filter("_rank = 1")
        .drop("_rank");
  }

  /**
   * The current segments: every column of the segments table plus run_date, for the latest manifest
   * row of each image.
   */
  public static Dataset<Row> currentSegments(SparkSession spark, String out) {
    Dataset<Row> segments =
        spark
            .read()
            .option("basePath", LabelPaths.segments(out))
            .parquet(LabelPaths.segments(out))
            .withColumn(LabelPaths.RUN_DATE, functions.col(LabelPaths.RUN_DATE).cast("string"));
    Dataset<Row> latest =
        latest(spark, out).select("image_id", "model_version", LabelPaths.RUN_DATE);
    return segments
        .as("s")
        .join(
            latest.as("l"),
            functions
                .col("s.image_id")
                .equalTo(functions.col("l.image_id"))
                .and(functions.col("s.model_version").equalTo(functions.col("l.model_version")))
                .and(
                    functions
                        .col("s." + LabelPaths.RUN_DATE)
                        .equalTo(functions.col("l." + LabelPaths.RUN_DATE))),
            "left_semi");
  }

  static boolean exists(String uri, Configuration conf) {
    Path path = new Path(uri);
    try {
      return path.getFileSystem(conf).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check " + uri + ": " + e.getMessage(), e);
    }
  }
}
