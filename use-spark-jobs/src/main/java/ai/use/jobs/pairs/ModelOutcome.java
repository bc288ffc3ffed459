package ai.use.jobs.pairs;

import ai.use.jobs.tables.ErrorRecord;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one image produced in the model pipeline.
 *
 * @param uri the image file
 * @param pairs rows of the pairs table
 * @param spans rows of the pair_spans table
 * @param errors errors of this image, its captions and phrases
 * @param counts per-stage counts, indexed by {@link PairsCount#ordinal()}
 */
record ModelOutcome(
    String uri, List<Row> pairs, List<Row> spans, List<ErrorRecord> errors, long[] counts)
    implements Serializable {}
