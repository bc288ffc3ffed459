package ai.use.jobs.train;

import java.util.List;

/**
 * Everything the driver owns between rounds; a checkpoint is exactly this.
 *
 * @param round rounds completed (the next round's index)
 * @param weights W_round {@code [n]}
 * @param outerMomentum the outer step's momentum buffer {@code [n]} (zeros without momentum)
 * @param innerStates S_{round,p} for p in 0..P−1 (empty arrays before the first round)
 * @param metrics one entry per completed round, in order
 */
public record TrainState(
    int round,
    float[] weights,
    double[] outerMomentum,
    byte[][] innerStates,
    List<RoundMetrics> metrics) {

  public TrainState {
    metrics = List.copyOf(metrics);
  }

  /** The state before round 0: {@code initial} weights, zero momentum, fresh inner states. */
  public static TrainState initial(float[] initial, int partitions) {
    byte[][] inner = new byte[partitions][];
    for (int p = 0; p < partitions; p++) {
      inner[p] = new byte[0];
    }
    return new TrainState(0, initial.clone(), new double[initial.length], inner, List.of());
  }

  public int partitions() {
    return innerStates.length;
  }
}
