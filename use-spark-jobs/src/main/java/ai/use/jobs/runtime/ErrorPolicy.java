package ai.use.jobs.runtime;

/**
 * The error-rate policy every job honours: a run whose errors exceed {@code spark.use.maxErrorRate}
 * of its inputs fails (non-zero exit, {@code status: failed}).
 */
public final class ErrorPolicy {
  private ErrorPolicy() {}

  /** Share of failed inputs; 0 when there were no inputs. */
  public static double errorRate(long errors, long inputs) {
    return inputs == 0 ? (errors == 0 ? 0 : 1) : (double) errors / inputs;
  }

  /** Whether a run with this error rate has failed. */
  public static boolean failed(double errorRate, double maxErrorRate) {
    return errorRate > maxErrorRate;
  }
}
