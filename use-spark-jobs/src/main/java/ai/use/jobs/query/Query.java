package ai.use.jobs.query;

import java.io.Serializable;

/**
 * One query: what the user asked and its unit-length embedding.
 *
 * @param index position of the query in this run (0-based)
 * @param text the text as given, or {@code like:<image_id>:<segment_id>} for a query by example
 * @param prompt the text the text tower saw (the template applied), or null for an example
 * @param embedding L2-normalized embedding {@code [D]}
 */
public record Query(int index, String text, String prompt, float[] embedding)
    implements Serializable {}
