package ai.use.jobs.tables;

import ai.use.common.table.Tables;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of the {@code errors} table: a bad input that the job recorded instead of crashing.
 *
 * @param imageId stable image id, or null when the failure is not tied to an image file
 * @param uri the file or annotation source at fault
 * @param stage the step that failed (read, decode, match, annotate, mask, …)
 * @param item what failed inside the input ({@code image}, {@code annotation:<id>}, …)
 * @param errorClass short error kind
 * @param message what went wrong and what to do
 */
public record ErrorRecord(
    String imageId, String uri, String stage, String item, String errorClass, String message)
    implements Serializable {

  /** The row for {@link Tables#ERRORS}. */
  public Row toRow(String runId) {
    return RowFactory.create(
        Tables.ERRORS.version(), runId, imageId, uri, stage, item, errorClass, message);
  }
}
