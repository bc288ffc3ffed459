package ai.use.jobs.train;

/**
 * The data-order seed of partition p: a SplitMix64 mix of (master seed, p), the same in every
 * round. The batches of inner step t are a pure function of (this seed, t, shard), and t continues
 * across rounds in the partition's inner state (step t = r·H + i in round r), so round r's draws
 * are a function of (seed, r, p) as DESIGN.md §6 asks — and of nothing else (not the attempt, the
 * executor or the time), so retried and resumed tasks draw the same batches; and P = 1 draws
 * exactly what a plain single-process loop seeded with {@code of(seed, 0)} draws.
 */
public final class RoundSeeds {
  private RoundSeeds() {}

  /** f(seed, partition). */
  public static long of(long seed, int partition) {
    long h = mix(seed ^ 0x5DEECE66DL);
    return mix(h + 0xBF58476D1CE4E5B9L * (partition + 1L));
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
