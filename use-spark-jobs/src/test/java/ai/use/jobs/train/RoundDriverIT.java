package ai.use.jobs.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.config.TrainKeys;
import ai.use.jobs.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver machinery on real Spark with an honest least-squares round step: determinism, exact
 * resume, P=1 equal to a plain loop, P=2 converging.
 */
class RoundDriverIT {
  private static final int DIM = 8;
  private static final int ROWS = 300;
  private static final float[] TRUTH = new float[DIM];
  private static Dataset<Row> rows;
  private static List<LeastSquaresStep.Sample> all;

  @TempDir Path tmp;

  @BeforeAll
  static void data() {
    Random random = new Random(3);
    for (int i = 0; i < DIM; i++) {
      TRUTH[i] = (float) random.nextGaussian();
    }
    List<Row> list = new ArrayList<>();
    all = new ArrayList<>();
    for (int k = 0; k < ROWS; k++) {
      float[] x = new float[DIM];
      float y = 0;
      for (int i = 0; i < DIM; i++) {
        x[i] = (float) random.nextGaussian();
        y += TRUTH[i] * x[i];
      }
      y += (float) (0.01 * random.nextGaussian());
      String id = String.format("%016x", random.nextLong());
      Float[] boxed = new Float[DIM];
      for (int i = 0; i < DIM; i++) {
        boxed[i] = x[i];
      }
      list.add(RowFactory.create(id, boxed, y));
      all.add(new LeastSquaresStep.Sample(id, x, y));
    }
    all.sort((a, b) -> a.id().compareTo(b.id()));
    StructType schema =
        new StructType()
            .add("pair_id", DataTypes.StringType)
            .add("x", DataTypes.createArrayType(DataTypes.FloatType))
            .add("y", DataTypes.FloatType);
    SparkSession spark = SharedSpark.get();
    rows = spark.createDataFrame(list, schema);
  }

  private static TrainConfig config(int partitions, int rounds, double outerLr, double momentum) {
    Map<String, String> p = new HashMap<>();
    p.put(TrainKeys.PARTITIONS.name(), Integer.toString(partitions));
    p.put(TrainKeys.ROUNDS.name(), Integer.toString(rounds));
    p.put(TrainKeys.OUTER_LR.name(), Double.toString(outerLr));
    p.put(TrainKeys.OUTER_MOMENTUM.name(), Double.toString(momentum));
    p.put(TrainKeys.CHECKPOINT_EVERY.name(), "1");
    return TrainConfig.from(p);
  }

  private static JavaRDD<LeastSquaresStep.Sample> shards(int partitions) {
    return StableShards.of(
        rows,
        partitions,
        "pair_id",
        r -> {
          List<Float> xs = r.getList(1);
          float[] x = new float[xs.size()];
          for (int i = 0; i < x.length; i++) {
            x[i] = xs.get(i);
          }
          return new LeastSquaresStep.Sample(r.getString(0), x, r.getFloat(2));
        });
  }

  private static TrainState train(TrainConfig config, TrainState start, CheckpointStore store) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
    JavaRDD<LeastSquaresStep.Sample> shards = shards(config.partitions());
    try {
      return new RoundDriver<>(
              jsc, shards, new LeastSquaresStep(5, 16, 0.05f), config, w -> distance(w), store)
          .run(start);
    } finally {
      shards.unpersist(false);
    }
  }

  private static TrainState fresh(TrainConfig config) {
    return TrainState.initial(new float[DIM], config.partitions());
  }

  @Test
  void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() {
    TrainConfig config = config(3, 4, 1.0, 0.0);
    TrainState a = train(config, fresh(config), null);
    TrainState b = train(config, fresh(config), null);
    assertThat(a.weights()).isEqualTo(b.weights());
    assertThat(a.innerStates()).isDeepEqualTo(b.innerStates());
    assertThat(a.metrics()).hasSize(4);

    Map<String, String> other = new HashMap<>(config.trajectory());
    other.put(TrainKeys.SEED.name(), "43");
    other.put(TrainKeys.ROUNDS.name(), "4");
    TrainConfig seed43 = TrainConfig.from(other);
    assertThat(train(seed43, fresh(seed43), null).weights()).isNotEqualTo(a.weights());
  }

  @Test
  void stoppedAfterTwoRoundsAndResumedEqualsUninterruptedWithOuterMomentum() {
    TrainConfig four = config(2, 4, 0.8, 0.5);
    TrainState uninterrupted =
        train(
            four, fresh(four), new CheckpointStore(tmp.resolve("a").toUri().toString(), hadoop()));

    CheckpointStore store = new CheckpointStore(tmp.resolve("b").toUri().toString(), hadoop());
    train(four.withRounds(2), fresh(four), store);
    CheckpointStore.Checkpoint latest = store.latest().orElseThrow();
    assertThat(latest.state().round()).isEqualTo(2);
    assertThat(latest.trajectory()).isEqualTo(four.trajectory());
    TrainState resumed = train(four, latest.state(), store);

    assertThat(resumed.weights()).isEqualTo(uninterrupted.weights());
    assertThat(resumed.outerMomentum()).isEqualTo(uninterrupted.outerMomentum());
    assertThat(resumed.innerStates()).isDeepEqualTo(uninterrupted.innerStates());
    assertThat(resumed.metrics())
        .extracting(RoundMetrics::loss)
        .isEqualTo(uninterrupted.metrics().stream().map(RoundMetrics::loss).toList());
    assertThat(store.latest().orElseThrow().state().round()).isEqualTo(4);
  }

  @Test
  void onePartitionWithOuterLrOneAndNoMomentumEqualsAPlainLoopBitForBit() {
    TrainConfig config = config(1, 5, 1.0, 0.0);
    TrainState spark = train(config, fresh(config), null);

    LeastSquaresStep step = new LeastSquaresStep(5, 16, 0.05f);
    float[] w = new float[DIM];
    byte[] state = new byte[0];
    for (int r = 0; r < 5; r++) {
      LocalResult res = step.run(w, state, all, RoundSeeds.of(config.seed(), 0));
      w = res.weights();
      state = res.innerState();
    }
    assertThat(spark.weights()).isEqualTo(w);
  }

  @Test
  void twoPartitionsConvergeTowardsTheTruthAsOneDoes() {
    TrainConfig one = config(1, 12, 1.0, 0.0);
    TrainConfig two = config(2, 12, 1.0, 0.0);
    double start = distance(new float[DIM]);
    double d1 = distance(train(one, fresh(one), null).weights());
    TrainState p2 = train(two, fresh(two), null);
    double d2 = distance(p2.weights());
    assertThat(d1).isLessThan(0.25 * start);
    assertThat(d2).isLessThan(0.25 * start);
    assertThat(p2.metrics().get(11).loss()).isLessThan(p2.metrics().get(0).loss());
  }

  /** Distance to the true weights, as a stand-in for held-out quality (in [0, 1] after scaling). */
  private static double distance(float[] w) {
    double s = 0;
    for (int i = 0; i < DIM; i++) {
      s += (w[i] - TRUTH[i]) * (w[i] - TRUTH[i]);
    }
    return Math.sqrt(s);
  }

  private static org.apache.hadoop.conf.Configuration hadoop() {
    return SharedSpark.get().sparkContext().hadoopConfiguration();
  }
}
