package ai.use.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.table.TableSchema;
import ai.use.common.table.Tables;
import ai.use.jobs.export.TableDirectories;
import ai.use.jobs.export.TableExport;
import ai.use.jobs.testing.OutsideReader;
import ai.use.jobs.testing.SharedDemo;
import ai.use.jobs.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every table the demo chain writes is read back from outside the JVM's Spark (DuckDB over the
 * Parquet files): same row count as Spark reads, and every column its documented schema declares.
 */
class OutsideReadersIT {
  private static final Map<String, TableSchema> SCHEMAS =
      Tables.all().stream().collect(Collectors.toMap(TableSchema::name, Function.identity()));

  @Test
  void everyTableOfTheDemoReadsBackWithItsDocumentedColumns() {
    Path root = SharedDemo.output();
    Set<String> seen = new TreeSet<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<Path, List<Path>> t : TableDirectories.withDataFolders(root).entrySet()) {
      Path relative = t.getKey();
      String name = relative.getFileName().toString();
      TableSchema schema = SCHEMAS.get(name);
      if (schema == null) {
        problems.add(relative + ": no documented schema in ai.use.common.table.Tables");
        continue;
      }
      Path dir = root.resolve(relative);
      OutsideReader.Table outside = OutsideReader.read(dir);
      long spark = TableExport.read(SharedSpark.get(), dir, t.getValue()).count();
      assertThat(outside.rowCount()).as("rows of %s", relative).isEqualTo(spark);
      if (outside.rowCount() > 0) {
        assertThat(outside.columnNames())
            .as("columns of %s", relative)
            .containsAll(
                schema.columnNames().stream()
                    .filter(c -> !c.equals("run_date") && !c.equals("vocab_id"))
                    .toList());
      }
      seen.add(name);
    }
    assertThat(problems).isEmpty();
    assertThat(seen)
        .as("tables written by the demo chain")
        .contains(
            "pairs",
            "pair_spans",
            "features",
            "texts",
            "train_metrics",
            "segments",
            "label_manifest",
            "segment_labels",
            "class_metrics",
            "confusion",
            "errors");
  }
}
