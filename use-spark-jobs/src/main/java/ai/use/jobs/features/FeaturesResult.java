package ai.use.jobs.features;

import ai.use.jobs.runtime.RunSummary;

/**
 * The outcome of a features run.
 *
 * @param pairs pairs read
 * @param features rows written to the features table
 * @param texts distinct texts embedded (rows of the texts table)
 * @param images distinct images read
 * @param errors rows written to the errors table
 * @param seconds wall time
 * @param summary the run summary (also written beside the output)
 */
public record FeaturesResult(
    long pairs,
    long features,
    long texts,
    long images,
    long errors,
    double seconds,
    RunSummary summary) {

  public boolean succeeded() {
    return summary.status().equals("succeeded");
  }
}
