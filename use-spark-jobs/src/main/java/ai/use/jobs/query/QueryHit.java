package ai.use.jobs.query;

/**
 * A query result as plain data (for the demo and notebooks).
 *
 * @param imageId stable image id
 * @param segmentId segment id within the image
 * @param score cosine similarity with the query
 */
public record QueryHit(String imageId, String segmentId, double score) {}
