package ai.use.jobs.export;

import com.google.common.base.Preconditions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes every table under a local output root as one JSON-lines file per table ({@code
 * <name>.jsonl}, name = the table's relative path with dots), partition columns included, masks as
 * {@code {"size": [h, w], "counts": "..."}} COCO RLE objects.
 */
public final class TableExport {
  private TableExport() {}

  /** One exported table. */
  public record Exported(String name, long rows, Path file) {}

  /**
   * Exports the tables found under {@code root} into {@code out}.
   *
   * @return one entry per table, sorted by name; empty when {@code root} holds no table
   */
  public static List<Exported> run(SparkSession spark, Path root, Path out) {
    Preconditions.checkArgument(
        Files.isDirectory(root),
        "--in %s is not a folder: give a job's output root (e.g. demo-out/tables)",
        root);
    List<Exported> exported = new ArrayList<>();
    try {
      Files.createDirectories(out);
      for (Map.Entry<Path, List<Path>> t : TableDirectories.withDataFolders(root).entrySet()) {
        exported.add(exportOne(spark, root.resolve(t.getKey()), t.getValue(), t.getKey(), out));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the export to " + out, e);
    }
    return exported;
  }

  private static Exported exportOne(
      SparkSession spark, Path table, List<Path> dataFolders, Path relative, Path out)
      throws IOException {
    String name = TableDirectories.exportName(relative);
    Dataset<Row> rows = read(spark, table, dataFolders);
    long count = rows.count();
    Path staging = out.resolve("." + name + ".staging");
    rows.coalesce(1).write().mode(SaveMode.Overwrite).json(staging.toUri().toString());
    Path target = out.resolve(name + ".jsonl");
    try (Stream<Path> parts = Files.list(staging)) {
      Path part =
          parts
              .filter(p -> p.getFileName().toString().startsWith("part-"))
              .findFirst()
              .orElseThrow(() -> new IOException("Spark wrote no part file into " + staging));
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    deleteRecursively(staging);
    return new Exported(name, count, target);
  }

  /**
   * A table's rows: each data folder read with the table as base path (so its partition columns
   * appear), then unioned by name — folders at different partition depths get nulls for the
   * partition columns they lack.
   */
  public static Dataset<Row> read(SparkSession spark, Path table, List<Path> dataFolders) {
    String base = table.toUri().toString();
    Dataset<Row> all = null;
    for (Path folder : dataFolders) {
      Dataset<Row> part = spark.read().option("basePath", base).parquet(folder.toUri().toString());
      all = all == null ? part : all.unionByName(part, true);
    }
    return all;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
