package ai.use.jobs.export;

import ai.use.jobs.runtime.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use export-tables}: every Parquet table under a folder as JSON lines. */
@Command(
    name = "export-tables",
    mixinStandardHelpOptions = true,
    description = {
      "Export every table under a local output root (any folder Spark marked with _SUCCESS) as"
          + " OUT/<table>.jsonl, for readers without Parquet support (the notebooks).",
      "Masks stay COCO compressed RLE ({\"size\": [h, w], \"counts\": \"...\"})."
    })
public final class ExportTablesCommand implements Callable<Integer> {
  @Option(names = "--in", required = true, paramLabel = "DIR", description = "output root")
  Path in;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "export folder")
  Path out;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.getOrCreate("use-export-tables");
    try {
      List<TableExport.Exported> tables = TableExport.run(spark, in, out);
      if (tables.isEmpty()) {
        throw new IllegalArgumentException(
            "no table under " + in + " (a table is a folder with Spark's _SUCCESS marker)");
      }
      for (TableExport.Exported t : tables) {
        System.out.printf("%-40s %8d rows -> %s%n", t.name(), t.rows(), t.file());
      }
      return 0;
    } finally {
      spark.stop();
    }
  }
}
