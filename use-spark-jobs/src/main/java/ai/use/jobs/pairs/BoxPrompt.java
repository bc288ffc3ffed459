package ai.use.jobs.pairs;

/**
 * A box to prompt SAM with, in original pixels.
 *
 * @param phrase index of its phrase in the image's phrase list
 * @param rank its rank among the phrase's kept boxes (0 = best)
 * @param boxXyxy {@code [x0, y0, x1, y1]}
 * @param score the grounder's score; null for a box that came with the data
 */
record BoxPrompt(int phrase, int rank, double[] boxXyxy, Double score) {}
