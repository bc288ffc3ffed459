package ai.use.jobs.label;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time spent per stage of the per-image work, summed over images and tasks: CPU-side wall time
 * inside the tasks, not the job's wall time. SAM's automatic mask generation is split three ways
 * with its {@code AmgTimings}: {@code preprocess} (cutting out the crop, resizing, normalizing; the
 * backbones' preprocessing is counted here too), {@code sam_encoder} (the image encoder), {@code
 * prompt_decoding} (prompt decoder calls) and {@code amg_postprocessing} (the rest of the
 * generator: upscaling, filtering, NMS, RLE).
 */
final class StageNanos implements Serializable {
  static final String[] STAGES = {
    "read",
    "decode",
    "preprocess",
    "sam_encoder",
    "prompt_decoding",
    "amg_postprocessing",
    "backbones",
    "head",
    "labels",
    "maps"
  };

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

  /**
   * Moves {@code amount} nanoseconds already counted in stage {@code from} to stage {@code to} (how
   * a stage timed as a whole is split by finer timings taken inside it).
   */
  void move(String from, String to, long amount) {
    int f = index(from);
    int t = index(to);
    Preconditions.checkArgument(
        amount >= 0 && amount <= nanos[f],
        "cannot move %s ns out of %s, which holds %s ns",
        amount,
        from,
        nanos[f]);
    nanos[f] -= amount;
    nanos[t] += amount;
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
