package ai.use.jobs.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of partition p in one round: reads W_r and its own S_{r,p} from their broadcasts (one
 * per partition, so an executor fetches only the inner states of its tasks), materializes the shard
 * in its stable order, and runs the {@link RoundStep} with the partition's seed.
 *
 * @param <E> example type
 */
final class RoundTask<E> implements Function2<Integer, Iterator<E>, Iterator<PartitionOutcome>> {
  private static final long serialVersionUID = 1L;

  private final int round;
  private final Broadcast<float[]> weights;
  private final List<Broadcast<byte[]>> innerStates;
  private final RoundStep<E> step;
  private final long seed;
  private final String failOnce;

  RoundTask(
      int round,
      Broadcast<float[]> weights,
      List<Broadcast<byte[]>> innerStates,
      RoundStep<E> step,
      long seed,
      String failOnce) {
    this.round = round;
    this.weights = weights;
    this.innerStates = List.copyOf(innerStates);
    this.step = step;
    this.seed = seed;
    this.failOnce = failOnce;
  }

  @Override
  public Iterator<PartitionOutcome> call(Integer partition, Iterator<E> rows) {
    long t0 = System.nanoTime();
    injectFailure(round, partition);
    byte[] inner = innerStates.get(partition).value();
    List<E> shard = new ArrayList<>();
    rows.forEachRemaining(shard::add);
    LocalResult result;
    if (shard.isEmpty()) {
      result = new LocalResult(null, inner, Double.NaN, 0);
    } else {
      result = step.run(weights.value(), inner, shard, RoundSeeds.of(seed, partition));
    }
    return List.of(new PartitionOutcome(partition, result, System.nanoTime() - t0)).iterator();
  }

  /** The test hook: the named task throws on its first attempt only; Spark retries it. */
  private void injectFailure(int round, int partition) {
    if (failOnce == null) {
      return;
    }
    TaskContext context = TaskContext.get();
    if (failOnce.equals(round + ":" + partition)
        && context != null
        && context.attemptNumber() == 0) {
      throw new IllegalStateException(
          "injected failure of round " + round + " partition " + partition + " (first attempt)");
    }
  }
}
