package ai.use.jobs.train;

import ai.use.common.table.TableSchema;
import ai.use.common.table.Tables;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The {@code train_metrics} table: one row per round of a training run. Key: (run_id, round). */
public final class TrainMetricsTable {
  private TrainMetricsTable() {}

  public static final TableSchema SCHEMA = Tables.TRAIN_METRICS;

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
