package ai.use.jobs.train;

import ai.use.jobs.runtime.RunSummary;

/**
 * The outcome of a train run.
 *
 * @param heldoutTop1 held-out top-1 of the final head (NaN without a held-out set)
 * @param untrainedTop1 held-out top-1 of the initial weights (NaN without a held-out set)
 * @param rounds rounds completed (resumed ones included)
 * @param segmentsPerSecond training segments consumed per second of round time in this run
 * @param examples training examples (pairs with an embedded text)
 * @param headUri the head directory
 * @param headVersion its content-hash version id
 * @param state the final driver state (weights, outer and inner states, metrics)
 * @param summary the run summary (also written beside the output)
 */
public record TrainResult(
    double heldoutTop1,
    double untrainedTop1,
    int rounds,
    double segmentsPerSecond,
    long examples,
    String headUri,
    String headVersion,
    TrainState state,
    RunSummary summary) {

  /**
   * The demo summary's {@code "train"} object: {@code heldout_top1}, {@code untrained_top1}, {@code
   * rounds}, {@code segments_per_second} (NaN top-1 values become null).
   */
  public java.util.Map<String, Object> demoSummary() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("heldout_top1", Double.isNaN(heldoutTop1) ? null : heldoutTop1);
    m.put("untrained_top1", Double.isNaN(untrainedTop1) ? null : untrainedTop1);
    m.put("rounds", rounds);
    m.put("segments_per_second", segmentsPerSecond);
    return m;
  }
}
