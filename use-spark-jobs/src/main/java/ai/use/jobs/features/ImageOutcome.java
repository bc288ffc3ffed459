package ai.use.jobs.features;

import ai.use.jobs.tables.ErrorRecord;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What the features job made of one image: a features row per pair that pooled, an error per pair
 * (or one for the whole image) that did not.
 *
 * @param uri the image
 * @param pairs pairs of this image in the input
 * @param features rows of the features table
 * @param errors rows of the errors table
 */
record ImageOutcome(String uri, int pairs, List<Row> features, List<ErrorRecord> errors)
    implements Serializable {}
