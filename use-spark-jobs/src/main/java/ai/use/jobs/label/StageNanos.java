package ai.use.jobs.label;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent per stage of the per-image work (read, decode, sam, backbones, head, labels, maps),
 * summed over images and tasks: CPU-side wall time inside the tasks, not the job's wall time.
 */
final class StageNanos implements Serializable {
  static final String[] STAGES = {"read", "decode", "sam", "backbones", "head", "labels", "maps"};

  private final long[] nanos = new long[STAGES.length];
  private long started;
  private int current = -1;

  /** Starts timing {@code stage} (ends the one running). */
  void start(String stage) {
    stop();
    current = index(stage);
    started = System.nanoTime();
  }

  /** Ends the running stage, if any. */
  void stop() {
    if (current >= 0) {
      nanos[current] += System.nanoTime() - started;
      current = -1;
    }
  }

  /** Adds {@code other} into this (for reducing over images). */
  StageNanos plus(StageNanos other) {
    StageNanos sum = new StageNanos();
    for (int i = 0; i < nanos.length; i++) {
      sum.nanos[i] = nanos[i] + other.nanos[i];
    }
    return sum;
  }

  /** Seconds per stage, in pipeline order. */
  Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < STAGES.length; i++) {
      out.put(STAGES[i], nanos[i] / 1e9);
    }
    return out;
  }

  private static int index(String stage) {
    for (int i = 0; i < STAGES.length; i++) {
      if (STAGES[i].equals(stage)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown stage " + stage);
  }
}
