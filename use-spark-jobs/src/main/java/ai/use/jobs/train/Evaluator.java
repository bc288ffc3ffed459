package ai.use.jobs.train;

/** Held-out quality of a weight vector, computed on the driver after a round. */
@FunctionalInterface
public interface Evaluator {
  /** Top-1 accuracy in [0, 1] of {@code weights} {@code [n]} on the held-out set. */
  double top1(float[] weights);
}
