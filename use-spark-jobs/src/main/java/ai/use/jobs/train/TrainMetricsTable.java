package ai.use.jobs.train;

import static ai.use.common.table.Column.optional;
import static ai.use.common.table.Column.required;

import ai.use.common.table.ColumnType;
import ai.use.common.table.TableSchema;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The {@code train_metrics} table: one row per round of a training run. Key: (run_id, round). */
public final class TrainMetricsTable {
  private TrainMetricsTable() {}

  public static final TableSchema SCHEMA =
      new TableSchema(
          "train_metrics",
          1,
          List.of(
              required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row"),
              required("round", ColumnType.INT, "round index, from 0"),
              optional("loss", ColumnType.DOUBLE, "mean inner contrastive loss of the round"),
              optional(
                  "heldout_top1",
                  ColumnType.DOUBLE,
                  "held-out top-1 after the round; null when not evaluated"),
              required("examples", ColumnType.LONG, "segments consumed by all partitions"),
              required(
                  "round_ms", ColumnType.DOUBLE, "the round's Spark job, broadcast to collect"),
              required("task_ms", ColumnType.DOUBLE, "the slowest task's compute time"),
              required("overhead_ms", ColumnType.DOUBLE, "round_ms − task_ms: Spark's fixed cost"),
              required("outer_ms", ColumnType.DOUBLE, "the driver's outer step")));

  /** The rows of {@code metrics}. */
  public static List<Row> rows(List<RoundMetrics> metrics, String runId) {
    return metrics.stream()
        .map(
            m ->
                RowFactory.create(
                    SCHEMA.version(),
                    runId,
                    m.round(),
                    Double.isNaN(m.loss()) ? null : m.loss(),
                    Double.isNaN(m.heldoutTop1()) ? null : m.heldoutTop1(),
                    m.examples(),
                    m.roundMillis(),
                    m.taskMillis(),
                    m.overheadMillis(),
                    m.outerMillis()))
        .toList();
  }
}
