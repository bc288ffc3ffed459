package ai.use.jobs.train;

import ai.use.common.config.TrainKeys;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated {@code spark.use.train.*} settings of one run, read on the driver before any Spark
 * action.
 *
 * @param partitions P, shards and tasks per round
 * @param localSteps H, inner steps per round
 * @param batchSize segments per inner step
 * @param rounds total rounds
 * @param innerLr inner AdamW learning rate
 * @param weightDecay inner AdamW decoupled weight decay
 * @param outerLr outer step size on the averaged delta
 * @param outerMomentum outer momentum (0 = none)
 * @param nesterov Nesterov form of the outer momentum
 * @param seed master seed
 * @param threads DJL intra-op threads per task
 * @param checkpointEvery checkpoint interval in rounds
 * @param evalEvery held-out evaluation interval in rounds
 * @param promptTemplate held-out vocabulary prompt, {@code {}} = class name
 * @param hiddenWidth the head's common width
 * @param useClip the head reads CLIP features
 * @param useDino the head reads DINOv2 features
 * @param useCls the head reads the CLS paths
 * @param failOnce test hook {@code "round:partition"}: that task throws on its first attempt (key
 *     {@value #FAIL_ONCE_KEY}, undocumented); null normally
 */
public record TrainConfig(
    int partitions,
    int localSteps,
    int batchSize,
    int rounds,
    double innerLr,
    double weightDecay,
    double outerLr,
    double outerMomentum,
    boolean nesterov,
    long seed,
    int threads,
    int checkpointEvery,
    int evalEvery,
    String promptTemplate,
    int hiddenWidth,
    boolean useClip,
    boolean useDino,
    boolean useCls,
    String failOnce)
    implements Serializable {

  /** Test-only key: {@code round:partition} whose first attempt throws (retry must be exact). */
  public static final String FAIL_ONCE_KEY = "spark.use.train.test.failOnce";

  public TrainConfig {
    if (nesterov && outerMomentum == 0.0) {
      throw new IllegalArgumentException(
          TrainKeys.NESTEROV.name()
              + "=true needs "
              + TrainKeys.OUTER_MOMENTUM.name()
              + " > 0 (it is 0); set a momentum or turn Nesterov off");
    }
    if (!promptTemplate.contains("{}")) {
      throw new IllegalArgumentException(
          "Invalid value for "
              + TrainKeys.PROMPT_TEMPLATE.name()
              + ": '"
              + promptTemplate
              + "'. It must contain {} where the class name goes");
    }
    if (!useClip && !useDino) {
      throw new IllegalArgumentException(
          TrainKeys.USE_CLIP.name()
              + " and "
              + TrainKeys.USE_DINO.name()
              + " are both false: the head needs at least one backbone");
    }
    if (failOnce != null && !failOnce.matches("\\d+:\\d+")) {
      throw new IllegalArgumentException(
          FAIL_ONCE_KEY + " must be round:partition, e.g. 1:0 (is '" + failOnce + "')");
    }
  }

  /** Reads and validates every key from the job's {@code spark.use.*} properties. */
  public static TrainConfig from(Map<String, String> p) {
    return new TrainConfig(
        TrainKeys.PARTITIONS.read(p),
        TrainKeys.LOCAL_STEPS.read(p),
        TrainKeys.BATCH_SIZE.read(p),
        TrainKeys.ROUNDS.read(p),
        TrainKeys.INNER_LR.read(p),
        TrainKeys.WEIGHT_DECAY.read(p),
        TrainKeys.OUTER_LR.read(p),
        TrainKeys.OUTER_MOMENTUM.read(p),
        TrainKeys.NESTEROV.read(p),
        TrainKeys.SEED.read(p),
        TrainKeys.THREADS.read(p),
        TrainKeys.CHECKPOINT_EVERY.read(p),
        TrainKeys.EVAL_EVERY.read(p),
        TrainKeys.PROMPT_TEMPLATE.read(p),
        TrainKeys.HIDDEN_WIDTH.read(p),
        TrainKeys.USE_CLIP.read(p),
        TrainKeys.USE_DINO.read(p),
        TrainKeys.USE_CLS.read(p),
        p.get(FAIL_ONCE_KEY));
  }

  /** The same config with another round count. */
  public TrainConfig withRounds(int total) {
    return new TrainConfig(
        partitions,
        localSteps,
        batchSize,
        total,
        innerLr,
        weightDecay,
        outerLr,
        outerMomentum,
        nesterov,
        seed,
        threads,
        checkpointEvery,
        evalEvery,
        promptTemplate,
        hiddenWidth,
        useClip,
        useDino,
        useCls,
        failOnce);
  }

  /**
   * The settings that define the trajectory of the weights (everything except rounds, intervals,
   * threads and the test hook): a resumed run must match the checkpoint's.
   */
  public Map<String, String> trajectory() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TrainKeys.PARTITIONS.name(), Integer.toString(partitions));
    m.put(TrainKeys.LOCAL_STEPS.name(), Integer.toString(localSteps));
    m.put(TrainKeys.BATCH_SIZE.name(), Integer.toString(batchSize));
    m.put(TrainKeys.INNER_LR.name(), Double.toString(innerLr));
    m.put(TrainKeys.WEIGHT_DECAY.name(), Double.toString(weightDecay));
    m.put(TrainKeys.OUTER_LR.name(), Double.toString(outerLr));
    m.put(TrainKeys.OUTER_MOMENTUM.name(), Double.toString(outerMomentum));
    m.put(TrainKeys.NESTEROV.name(), Boolean.toString(nesterov));
    m.put(TrainKeys.SEED.name(), Long.toString(seed));
    m.put(TrainKeys.PROMPT_TEMPLATE.name(), promptTemplate);
    m.put(TrainKeys.HIDDEN_WIDTH.name(), Integer.toString(hiddenWidth));
    m.put(TrainKeys.USE_CLIP.name(), Boolean.toString(useClip));
    m.put(TrainKeys.USE_DINO.name(), Boolean.toString(useDino));
    m.put(TrainKeys.USE_CLS.name(), Boolean.toString(useCls));
    return m;
  }
}
