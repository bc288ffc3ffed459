package ai.use.jobs.tables;

import ai.use.common.table.TableSchema;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the project's tables as Parquet. Every write replaces the target path (static-path
 * overwrite), so rerunning a job into the same output replaces rather than duplicates rows.
 */
public final class TableWriter {
  private TableWriter() {}

  /** Writes rows of {@code schema} to {@code path}, replacing what was there. */
  public static Dataset<Row> overwrite(
      SparkSession spark, JavaRDD<Row> rows, TableSchema schema, String path) {
    Dataset<Row> frame = spark.createDataFrame(rows, SparkSchemas.of(schema));
    frame.write().mode(SaveMode.Overwrite).parquet(path);
    return frame;
  }

  /** Writes driver-side rows (small) of {@code schema} to {@code path}, replacing it. */
  public static void overwrite(
      SparkSession spark, List<Row> rows, TableSchema schema, String path, int partitions) {
    spark
        .createDataFrame(rows, SparkSchemas.of(schema))
        .coalesce(partitions)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(path);
  }

  /** Path of a job's partition of the shared errors table under an output root. */
  public static String errorsPath(String outRoot, String job) {
    return stripSlash(outRoot) + "/errors/job=" + job;
  }

  /** Path of a table under an output root. */
  public static String tablePath(String outRoot, TableSchema schema) {
    return stripSlash(outRoot) + "/" + schema.name();
  }

  static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
