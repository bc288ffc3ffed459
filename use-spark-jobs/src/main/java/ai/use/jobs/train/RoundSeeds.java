package ai.use.jobs.train;

/**
 * The seed of partition p in round r: a SplitMix64 mix of (master seed, r, p). It depends on
 * nothing else (not the attempt, not the executor, not the time), so a retried or resumed task
 * draws the same batches.
 */
public final class RoundSeeds {
  private RoundSeeds() {}

  /** f(seed, round, partition). */
  public static long of(long seed, int round, int partition) {
    long h = mix(seed ^ 0x5DEECE66DL);
    h = mix(h + 0x9E3779B97F4A7C15L * (round + 1L));
    return mix(h + 0xBF58476D1CE4E5B9L * (partition + 1L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
