package ai.use.jobs.train;

import ai.use.common.config.TrainKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver loop of round-based synchronous model averaging (DESIGN.md §6). The driver owns W, the
 * outer state and every partition's inner state S_p. Each round is one Spark job: broadcast (W_r,
 * S_{r,·}) → task p runs {@link RoundStep} on shard p with seed f(seed, r, p) → {@code collect}
 * (never an arrival-ordered reduce) → outcomes sorted by partition → {@link OuterStep} → metrics →
 * checkpoint every k rounds.
 *
 * <p>A task is a pure function of (W_r, S_{r,p}, shard_p, seed), so Spark's task retry, a lost
 * executor and a resume from a checkpoint all end with bit-identical weights.
 *
 * @param <E> example type
 */
public final class RoundDriver<E> {
  private static final Logger LOG = LoggerFactory.getLogger(RoundDriver.class);

  private final JavaSparkContext jsc;
  private final JavaRDD<E> shards;
  private final RoundStep<E> step;
  private final TrainConfig config;
  private final Evaluator evaluator;
  private final CheckpointStore checkpoints;

  /**
   * @param shards P stable shards ({@link StableShards}), cached
   * @param evaluator held-out top-1, or null for none
   * @param checkpoints where checkpoints go, or null for none
   */
  public RoundDriver(
      JavaSparkContext jsc,
      JavaRDD<E> shards,
      RoundStep<E> step,
      TrainConfig config,
      Evaluator evaluator,
      CheckpointStore checkpoints) {
    if (shards.getNumPartitions() != config.partitions()) {
      throw new IllegalArgumentException(
          "the shards have "
              + shards.getNumPartitions()
              + " partitions but "
              + TrainKeys.PARTITIONS.name()
              + " is "
              + config.partitions());
    }
    this.jsc = jsc;
    this.shards = shards;
    this.step = step;
    this.config = config;
    this.evaluator = evaluator;
    this.checkpoints = checkpoints;
  }

  /** Runs rounds {@code state.round()} … {@code config.rounds() − 1}; returns the final state. */
  public TrainState run(TrainState state) {
    if (state.partitions() != config.partitions()) {
      throw new IllegalArgumentException(
          "the state holds "
              + state.partitions()
              + " inner states but "
              + TrainKeys.PARTITIONS.name()
              + " is "
              + config.partitions());
    }
    OuterStep outer = OuterStep.of(config);
    float[] weights = state.weights().clone();
    double[] momentum = state.outerMomentum().clone();
    byte[][] inner = state.innerStates().clone();
    List<RoundMetrics> metrics = new ArrayList<>(state.metrics());
    for (int r = state.round(); r < config.rounds(); r++) {
      long t0 = System.nanoTime();
      Broadcast<float[]> w = jsc.broadcast(weights);
      List<Broadcast<byte[]>> s = new ArrayList<>();
      for (byte[] innerState : inner) {
        s.add(jsc.broadcast(innerState));
      }
      List<PartitionOutcome> outcomes;
      try {
        jsc.setCallSite("train: round " + r);
        outcomes =
            new ArrayList<>(
                shards
                    .mapPartitionsWithIndex(
                        new RoundTask<>(r, w, s, step, config.seed(), config.failOnce()), false)
                    .collect());
      } finally {
        w.destroy();
        s.forEach(Broadcast::destroy);
      }
      long t1 = System.nanoTime();
      outcomes.sort(Comparator.comparingInt(PartitionOutcome::partition));
      checkComplete(outcomes, r);
      List<float[]> local = new ArrayList<>();
      byte[][] nextInner = new byte[inner.length][];
      double lossSum = 0;
      long examples = 0;
      int withData = 0;
      long slowest = 0;
      for (PartitionOutcome o : outcomes) {
        LocalResult res = o.result();
        local.add(res.weights());
        nextInner[o.partition()] = res.innerState();
        slowest = Math.max(slowest, o.taskNanos());
        if (res.examples() > 0) {
          lossSum += res.loss();
          examples += res.examples();
          withData++;
        }
      }
      weights = outer.apply(weights, local, momentum);
      inner = nextInner;
      long t2 = System.nanoTime();
      RoundMetrics m =
          new RoundMetrics(
              r,
              withData == 0 ? Double.NaN : lossSum / withData,
              Double.NaN,
              examples,
              (t1 - t0) / 1e6,
              slowest / 1e6,
              (t2 - t1) / 1e6);
      boolean last = r + 1 == config.rounds();
      if (evaluator != null && ((r + 1) % config.evalEvery() == 0 || last)) {
        m = m.withHeldoutTop1(evaluator.top1(weights));
      }
      metrics.add(m);
      LOG.info(
          "[train] round {}/{}: loss {} held-out top-1 {} ({} examples, job {} ms, slowest task {}"
              + " ms, Spark overhead {} ms)",
          r + 1,
          config.rounds(),
          String.format("%.4f", m.loss()),
          Double.isNaN(m.heldoutTop1()) ? "-" : String.format("%.3f", m.heldoutTop1()),
          examples,
          String.format("%.0f", m.roundMillis()),
          String.format("%.0f", m.taskMillis()),
          String.format("%.0f", m.overheadMillis()));
      if (checkpoints != null && ((r + 1) % config.checkpointEvery() == 0 || last)) {
        checkpoints.write(new TrainState(r + 1, weights, momentum, inner, metrics), config);
      }
    }
    jsc.clearCallSite();
    return new TrainState(
        Math.max(state.round(), config.rounds()), weights, momentum, inner, metrics);
  }

  private void checkComplete(List<PartitionOutcome> outcomes, int round) {
    if (outcomes.size() != config.partitions()) {
      throw new IllegalStateException(
          "round "
              + round
              + " got "
              + outcomes.size()
              + " partition results, expected "
              + config.partitions());
    }
    for (int p = 0; p < outcomes.size(); p++) {
      if (outcomes.get(p).partition() != p) {
        throw new IllegalStateException("round " + round + " is missing partition " + p);
      }
    }
  }
}
