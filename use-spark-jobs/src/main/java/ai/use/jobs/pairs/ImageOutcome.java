package ai.use.jobs.pairs;

import ai.use.jobs.tables.ErrorRecord;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one image produced: pair rows and error records.
 *
 * @param uri the image file
 * @param pairs rows of the pairs table
 * @param errors errors of this image or its annotations
 */
public record ImageOutcome(String uri, List<Row> pairs, List<ErrorRecord> errors)
    implements Serializable {}
