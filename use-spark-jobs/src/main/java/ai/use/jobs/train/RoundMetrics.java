package ai.use.jobs.train;

import java.io.Serializable;

/**
 * What the driver logs for one round (one row of the {@code train_metrics} table).
 *
 * @param round the round index, from 0
 * @param loss mean inner training loss over the partitions with examples
 * @param heldoutTop1 held-out top-1 after the round, NaN when not evaluated this round
 * @param examples examples consumed by all partitions
 * @param roundMillis driver wall time of the round's Spark job (broadcast to collect)
 * @param taskMillis longest task's compute time inside {@link RoundStep#run}
 * @param outerMillis driver time of the outer step
 */
public record RoundMetrics(
    int round,
    double loss,
    double heldoutTop1,
    long examples,
    double roundMillis,
    double taskMillis,
    double outerMillis)
    implements Serializable {

  /** Spark's fixed cost of the round: its job time minus the slowest task's compute. */
  public double overheadMillis() {
    return Math.max(0.0, roundMillis - taskMillis);
  }

  /** The same metrics with the held-out top-1 filled in. */
  public RoundMetrics withHeldoutTop1(double top1) {
    return new RoundMetrics(round, loss, top1, examples, roundMillis, taskMillis, outerMillis);
  }
}
