package ai.use.jobs.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;

/**
 * The task of partition p in one round: reads (W_r, S_{r,p}) from the broadcast, materializes the
 * shard in its stable order, and runs the {@link RoundStep} with the partition's seed.
 *
 * @param <E> example type
 */
final class RoundTask<E> implements Function2<Integer, Iterator<E>, Iterator<PartitionOutcome>> {
  private static final long serialVersionUID = 1L;

  private final Broadcast<RoundInput> input;
  private final RoundStep<E> step;
  private final long seed;
  private final String failOnce;

  RoundTask(Broadcast<RoundInput> input, RoundStep<E> step, long seed, String failOnce) {
    this.input = input;
    this.step = step;
    this.seed = seed;
    this.failOnce = failOnce;
  }

  @Override
  public Iterator<PartitionOutcome> call(Integer partition, Iterator<E> rows) {
    long t0 = System.nanoTime();
    RoundInput in = input.value();
    injectFailure(in.round(), partition);
    List<E> shard = new ArrayList<>();
    rows.forEachRemaining(shard::add);
    LocalResult result;
    if (shard.isEmpty()) {
      result = new LocalResult(null, in.innerStates()[partition], Double.NaN, 0);
    } else {
      long s = RoundSeeds.of(seed, partition);
      result = step.run(in.weights(), in.innerStates()[partition], shard, s);
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
