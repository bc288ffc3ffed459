package ai.use.model.train;

import java.util.SplittableRandom;

/**
 * Which segments and texts inner step t uses, as a pure function of (seed, t, shard size): the
 * shard is read as an endless stream of epochs, epoch e in the order of a Fisher–Yates shuffle
 * seeded by (seed, e); step t takes stream positions {@code [t·B, (t+1)·B)}; the text of the
 * segment at position q is {@code SplittableRandom(mix(seed, q)).nextInt(texts)}. So running H
 * steps from step t0 gives the same batches whether or not the run was split into rounds.
 */
final class BatchSampler {
  private final long seed;
  private final int size;
  private final int batch;
  private long cachedEpoch = -1;
  private int[] order;

  BatchSampler(long seed, int shardSize, int batchSize) {
    this.seed = seed;
    this.size = shardSize;
    this.batch = Math.min(batchSize, shardSize);
  }

  int batchSize() {
    return batch;
  }

  /** Stream positions of step t's batch. */
  long position(long step, int i) {
    return step * batch + i;
  }

  /** Shard index at stream position q. */
  int example(long q) {
    long epoch = q / size;
    if (epoch != cachedEpoch) {
      order = shuffle(epoch);
      cachedEpoch = epoch;
    }
    return order[(int) (q % size)];
  }

  /** Which of {@code texts} alternatives the segment at stream position q uses. */
  int text(long q, int texts) {
    return texts == 1 ? 0 : new SplittableRandom(mix(seed, q)).nextInt(texts);
  }

  private int[] shuffle(long epoch) {
    int[] a = new int[size];
    for (int i = 0; i < size; i++) {
      a[i] = i;
    }
    SplittableRandom r = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, epoch));
    for (int i = size - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }

  /** SplitMix64's finalizer over a combination of two longs. */
  static long mix(long a, long b) {
    long z = a * 0x9E3779B97F4A7C15L + b;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
