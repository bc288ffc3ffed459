package ai.use.jobs.bench;

import ai.djl.pytorch.jni.JniUtils;
import ai.use.common.config.TrainKeys;
import ai.use.jobs.train.HeadRoundStep;
import ai.use.jobs.train.RoundDriver;
import ai.use.jobs.train.RoundMetrics;
import ai.use.jobs.train.RoundSeeds;
import ai.use.jobs.train.TrainConfig;
import ai.use.jobs.train.TrainState;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.PooledFeatures;
import ai.use.model.head.UseHead;
import ai.use.model.runtime.TorchEngine;
import ai.use.model.train.PlainTrainer;
import ai.use.model.train.TrainOptions;
import ai.use.model.train.TrainingExample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Benchmark of the train job's round machinery on synthetic features of the real head's shape (CLIP
 * ViT-L/14 + DINOv2 ViT-L/14, 4 blocks each, C = 1024, D = 768, hidden 768, batch 256) at the
 * default H: the fixed Spark overhead per round (round job time − slowest task's compute) in ms and
 * its share of round time, and segments/s of the round-based trainer against the plain
 * single-process loop ({@link PlainTrainer}) in the same JVM.
 *
 * <pre>
 * java &lt;spark flags&gt; -cp … ai.use.jobs.bench.TrainBenchmark [partitions=1] [rounds=3]
 *     [steps=16] [examplesPerPartition=1024]
 * </pre>
 *
 * <p>It runs Spark in {@code local[P]}: one executor JVM, where DJL lets one training task run at a
 * time ({@link HeadRoundStep}), so P = 1 measures the per-round overhead cleanly; with P &gt; 1 the
 * reported overhead also holds the tasks' wait for each other.
 */
public final class TrainBenchmark {
  private static final HeadDims REAL = new HeadDims(4, 1024, 4, 1024, 768);
  private static final int BATCH = 256;

  private TrainBenchmark() {}

  public static void main(String[] args) {
    int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int steps =
        args.length > 2
            ? Integer.parseInt(args[2])
            : Integer.parseInt(TrainKeys.LOCAL_STEPS.defaultValue());
    int perPartition = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
    int weights = UseHead.parameterCount(HeadConfig.full(REAL, HeadConfig.DEFAULT_HIDDEN_WIDTH));
    System.out.printf(
        "train benchmark: head %s, %d weights (%.1f MB), batch %d, H = %d, P = %d, %d examples"
            + " per partition, %d cores%n",
        REAL,
        weights,
        weights * 4 / 1e6,
        BATCH,
        steps,
        partitions,
        perPartition,
        Runtime.getRuntime().availableProcessors());

    SparkSession spark =
        SparkSession.builder()
            .master("local[" + partitions + "]")
            .appName("use-train-benchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.maxResultSize", "4g")
            .getOrCreate();
    try {
      measure(spark, partitions, rounds, steps, perPartition);
    } finally {
      spark.stop();
    }
  }

  /**
   * The figures of one benchmark run.
   *
   * @param overheadMillis fixed Spark overhead per round (round job − slowest task's compute)
   * @param overheadShare that overhead over the round time (round job + outer step)
   * @param roundBasedPerSecond segments/s of the round-based trainer
   * @param plainPerSecond segments/s of the plain single-process loop
   */
  public record Figures(
      double overheadMillis,
      double overheadShare,
      double roundBasedPerSecond,
      double plainPerSecond) {}

  /**
   * Runs the plain loop, then {@code rounds} measured rounds (after one warm-up round) on {@code
   * spark}, whose task slots must be at least {@code partitions}; prints and returns the figures.
   */
  public static Figures measure(
      SparkSession spark, int partitions, int rounds, int steps, int perPartition) {
    HeadConfig head = HeadConfig.full(REAL, HeadConfig.DEFAULT_HIDDEN_WIDTH);
    float[] initial = UseHead.initialWeights(head, 1);
    double plainPerSecond = plain(head, initial, steps, perPartition, partitions);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<TrainingExample> shards =
        jsc.parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
            .mapPartitionsWithIndex((p, ignored) -> synthetic(p, perPartition).iterator(), true)
            .persist(StorageLevel.MEMORY_ONLY());
    try {
      shards.count();
      Map<String, String> keys = new HashMap<>();
      keys.put(TrainKeys.PARTITIONS.name(), Integer.toString(partitions));
      keys.put(TrainKeys.ROUNDS.name(), Integer.toString(rounds + 1));
      keys.put(TrainKeys.LOCAL_STEPS.name(), Integer.toString(steps));
      keys.put(TrainKeys.BATCH_SIZE.name(), Integer.toString(BATCH));
      keys.put(TrainKeys.HIDDEN_WIDTH.name(), Integer.toString(HeadConfig.DEFAULT_HIDDEN_WIDTH));
      TrainConfig config = TrainConfig.from(keys);
      TrainState done =
          new RoundDriver<>(jsc, shards, new HeadRoundStep(head, config), config, null, null)
              .run(TrainState.initial(initial, partitions));
      List<RoundMetrics> measured = done.metrics().subList(1, done.metrics().size());
      double roundMs = measured.stream().mapToDouble(RoundMetrics::roundMillis).average().orElse(0);
      double taskMs = measured.stream().mapToDouble(RoundMetrics::taskMillis).average().orElse(0);
      double overheadMs =
          measured.stream().mapToDouble(RoundMetrics::overheadMillis).average().orElse(0);
      double outerMs = measured.stream().mapToDouble(RoundMetrics::outerMillis).average().orElse(0);
      double sparkPerSecond = (double) partitions * steps * BATCH / ((roundMs + outerMs) / 1e3);
      System.out.printf(
          "round-based (P = %d, 1 thread per task, %d measured rounds after 1 warm-up): round job"
              + " %.0f ms, slowest task %.0f ms, outer step %.0f ms%n",
          partitions, measured.size(), roundMs, taskMs, outerMs);
      System.out.printf(
          "fixed Spark overhead per round: %.0f ms = %.1f %% of round time (target <= 25 %%)%n",
          overheadMs, 100 * overheadMs / (roundMs + outerMs));
      System.out.printf(
          "segments/s: round-based %.0f, plain single-process loop %.0f (%d threads): ratio"
              + " %.2f%n",
          sparkPerSecond, plainPerSecond, partitions, sparkPerSecond / plainPerSecond);
      return new Figures(
          overheadMs, overheadMs / (roundMs + outerMs), sparkPerSecond, plainPerSecond);
    } finally {
      shards.unpersist(false);
    }
  }

  /** Segments/s of the plain loop: H steps after a warm-up of 2, on P intra-op threads. */
  private static double plain(
      HeadConfig head, float[] initial, int steps, int perPartition, int threads) {
    TorchEngine.get();
    JniUtils.setNumThreads(threads);
    List<TrainingExample> data = synthetic(0, perPartition);
    try (PlainTrainer trainer =
        new PlainTrainer(
            head,
            initial,
            data,
            new TrainOptions(RoundSeeds.of(1, 0), steps + 2, BATCH, 1e-3f, 0f))) {
      trainer.step();
      trainer.step();
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        trainer.step();
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "plain loop: %d steps of %d in %.2f s (%.0f ms/step)%n",
          steps, BATCH, seconds, 1e3 * seconds / steps);
      return steps * BATCH / seconds;
    } finally {
      JniUtils.setNumThreads(1);
    }
  }

  /** Deterministic random examples of the real shape, one text each. */
  static List<TrainingExample> synthetic(int partition, int count) {
    Random random = new Random(1000L + partition);
    List<TrainingExample> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PooledFeatures f =
          new PooledFeatures(
              gaussian(random, REAL.clipBlocks() * REAL.clipWidth()),
              gaussian(random, REAL.dinoBlocks() * REAL.dinoWidth()),
              gaussian(random, REAL.clipWidth()),
              gaussian(random, REAL.dinoWidth()));
      out.add(
          new TrainingExample(
              f,
              new float[][] {gaussian(random, REAL.textWidth())},
              new long[] {partition * 1_000_000L + i}));
    }
    return out;
  }

  private static float[] gaussian(Random random, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
