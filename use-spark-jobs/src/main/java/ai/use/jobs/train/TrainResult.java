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
    RunSummary summary) {}
