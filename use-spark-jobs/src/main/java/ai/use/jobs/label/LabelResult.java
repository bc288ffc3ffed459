package ai.use.jobs.label;

import ai.use.jobs.runtime.RunSummary;

/**
 * The outcome of a label (or relabel) run.
 *
 * @param modelVersion the run's model_version (null for relabel)
 * @param vocabId the vocabulary's id (null without --vocab)
 * @param listed images listed under --images (0 for relabel)
 * @param skipped images skipped by the manifest's skip rule
 * @param processed images the run processed (manifest rows written)
 * @param segments segments rows written
 * @param labels segment_labels rows written
 * @param errors errors rows written
 * @param seconds wall time
 * @param summary the run summary (also written beside the output)
 */
public record LabelResult(
    String modelVersion,
    String vocabId,
    long listed,
    long skipped,
    long processed,
    long segments,
    long labels,
    long errors,
    double seconds,
    RunSummary summary) {

  public boolean succeeded() {
    return summary.status().equals("succeeded");
  }
}
