package ai.use.model.grounding;

/**
 * A grounded box in original image pixels.
 *
 * @param x0 left
 * @param y0 top
 * @param x1 right
 * @param y1 bottom
 * @param score grounder score in [0, 1]
 */
public record ScoredBox(double x0, double y0, double x1, double y1, double score) {}
