package ai.use.jobs.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables under an output root, partitioned or not, come out as one JSON-lines file each. */
class TableExportIT {
  @TempDir Path root;
  @TempDir Path out;

  @Test
  void exportsPlainAndPartitionedTablesWithTheirPartitionColumns() throws Exception {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> plain = spark.sql("SELECT id, CAST(id * 2 AS DOUBLE) AS twice FROM range(5)");
    plain.write().mode(SaveMode.Overwrite).parquet(root.resolve("pairs").toUri().toString());
    Dataset<Row> nights = spark.sql("SELECT id, array(0.5f, 1.5f) AS embedding FROM range(3)");
    for (String night : List.of("2026-11-24", "2026-11-25")) {
      nights
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(root.resolve("label/segments/run_date=" + night).toUri().toString());
    }
    Files.createDirectories(root.resolve("not-a-table"));
    // Two jobs sharing one errors table at different partition depths (as label and eval do).
    plain
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(root.resolve("errors/job=eval").toUri().toString());
    plain
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(root.resolve("errors/job=label/run_date=2026-11-25").toUri().toString());

    List<TableExport.Exported> exported = TableExport.run(spark, root, out);

    assertThat(exported)
        .extracting(TableExport.Exported::name, TableExport.Exported::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("errors", 10L),
            org.assertj.core.groups.Tuple.tuple("label.segments", 6L),
            org.assertj.core.groups.Tuple.tuple("pairs", 5L));
    List<String> lines = Files.readAllLines(out.resolve("label.segments.jsonl"));
    assertThat(lines).hasSize(6);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("run_date").asText()).startsWith("2026-11-2");
    assertThat(first.get("embedding").get(1).asDouble()).isEqualTo(1.5);
    assertThat(Files.readAllLines(out.resolve("pairs.jsonl"))).hasSize(5);
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("errors.jsonl", "label.segments.jsonl", "pairs.jsonl");
    }
  }

  @Test
  void aFolderThatIsNotThereIsAClearError() {
    assertThatThrownBy(() -> TableExport.run(SharedSpark.get(), root.resolve("nope"), out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("output root");
  }
}
