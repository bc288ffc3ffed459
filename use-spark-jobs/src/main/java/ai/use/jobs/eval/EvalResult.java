package ai.use.jobs.eval;

import ai.use.common.eval.ConfusionMatrix;
import ai.use.common.eval.SegmentationMetrics;
import ai.use.jobs.runtime.RunSummary;

/**
 * The outcome of an eval run.
 *
 * @param metrics the metrics of the merged confusion matrix
 * @param matrix the merged confusion matrix
 * @param images images evaluated
 * @param errors error rows written (missing, unreadable or mismatched maps)
 * @param seconds wall time
 * @param summary the run summary (also written beside the output)
 */
public record EvalResult(
    SegmentationMetrics metrics,
    ConfusionMatrix matrix,
    long images,
    long errors,
    double seconds,
    RunSummary summary) {

  public boolean succeeded() {
    return summary.status().equals("succeeded");
  }
}
