package ai.use.jobs.label;

import ai.use.jobs.tables.ErrorRecord;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What labeling one image produced.
 *
 * @param manifest its label_manifest row
 * @param segments its segments rows (empty unless labeled)
 * @param labels its segment_labels rows (empty without a vocabulary)
 * @param errors its errors rows (empty unless the status is error)
 * @param nanos time per stage
 */
record LabelOutcome(
    Row manifest, List<Row> segments, List<Row> labels, List<ErrorRecord> errors, StageNanos nanos)
    implements Serializable {}
