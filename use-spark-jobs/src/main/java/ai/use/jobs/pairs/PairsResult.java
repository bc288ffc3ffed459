package ai.use.jobs.pairs;

import ai.use.jobs.runtime.RunSummary;

/**
 * The outcome of a pairs run.
 *
 * @param pairs rows written to the pairs table
 * @param errors rows written to the errors table
 * @param images image files listed
 * @param annotations annotations in the instances file
 * @param seconds wall time
 * @param summary the run summary (also written beside the output)
 */
public record PairsResult(
    long pairs, long errors, long images, long annotations, double seconds, RunSummary summary) {

  public boolean succeeded() {
    return summary.status().equals("succeeded");
  }
}
