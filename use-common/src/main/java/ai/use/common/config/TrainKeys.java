package ai.use.common.config;

import java.util.List;

/**
 * The {@code spark.use.train.*} keys of the round-based trainer (DESIGN.md §6). Depends only on
 * {@link ConfigKey}, so it can join the other {@code *Keys} classes in {@code use-common}.
 */
public final class TrainKeys {
  private TrainKeys() {}

  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.intKey(
          "spark.use.train.partitions",
          2,
          1,
          4096,
          "P: data-parallel workers; the features are hash-partitioned by pair_id into P stable"
              + " shards, one task per shard per round.");

  public static final ConfigKey<Integer> LOCAL_STEPS =
      ConfigKey.intKey(
          "spark.use.train.localSteps",
          16,
          1,
          1_000_000,
          "H: inner optimizer steps each partition runs per round before the driver averages.");

  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.intKey(
          "spark.use.train.batchSize",
          64,
          1,
          65_536,
          "Segments per inner step (per partition); capped at the shard size.");

  public static final ConfigKey<Integer> ROUNDS =
      ConfigKey.intKey(
          "spark.use.train.rounds",
          30,
          1,
          10_000_000,
          "Total rounds of the run; a --resume run continues up to this round.");

  public static final ConfigKey<Double> INNER_LR =
      ConfigKey.doubleKey(
          "spark.use.train.innerLr", 3e-3, 0.0, 10.0, "Learning rate of the inner AdamW steps.");

  public static final ConfigKey<Double> WEIGHT_DECAY =
      ConfigKey.doubleKey(
          "spark.use.train.weightDecay",
          1e-4,
          0.0,
          1.0,
          "Decoupled weight decay of the inner AdamW steps.");

  public static final ConfigKey<Double> OUTER_LR =
      ConfigKey.doubleKey(
          "spark.use.train.outerLr",
          1.0,
          0.0,
          100.0,
          "Outer learning rate applied to the averaged round delta (1 with no momentum = plain"
              + " model averaging).");

  public static final ConfigKey<Double> OUTER_MOMENTUM =
      ConfigKey.doubleKey(
          "spark.use.train.outerMomentum",
          0.0,
          0.0,
          0.999,
          "Momentum of the outer step on the averaged round delta (0 = none).");

  public static final ConfigKey<Boolean> NESTEROV =
      ConfigKey.booleanKey(
          "spark.use.train.nesterov",
          false,
          "Use Nesterov momentum in the outer step (only with outerMomentum > 0).");

  public static final ConfigKey<Long> SEED =
      ConfigKey.longKey(
          "spark.use.train.seed",
          42L,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          "Master seed: initial weights and every partition's per-round seed f(seed, round, p).");

  public static final ConfigKey<Integer> THREADS =
      ConfigKey.intKey(
          "spark.use.train.threads",
          1,
          1,
          256,
          "DJL intra-op threads of a training task (fixed by config, not by the core count).");

  public static final ConfigKey<Integer> CHECKPOINT_EVERY =
      ConfigKey.intKey(
          "spark.use.train.checkpointEvery",
          5,
          1,
          1_000_000,
          "Write a checkpoint every k rounds (and after the last round).");

  public static final ConfigKey<Integer> EVAL_EVERY =
      ConfigKey.intKey(
          "spark.use.train.evalEvery",
          1,
          1,
          1_000_000,
          "Compute the held-out top-1 every k rounds (and after the last round).");

  public static final ConfigKey<String> PROMPT_TEMPLATE =
      ConfigKey.stringKey(
          "spark.use.train.promptTemplate",
          "a photo of a {}.",
          "Prompt template of the held-out vocabulary; {} is replaced by the class name.");

  public static final ConfigKey<Integer> HIDDEN_WIDTH =
      ConfigKey.intKey(
          "spark.use.train.hiddenWidth",
          768,
          1,
          65_536,
          "H of the USE head: the common width every (backbone, block) and CLS path is projected"
              + " to.");

  public static final ConfigKey<Boolean> USE_CLIP =
      ConfigKey.booleanKey(
          "spark.use.train.useClip", true, "Feed the CLIP image features to the head (ablation).");

  public static final ConfigKey<Boolean> USE_DINO =
      ConfigKey.booleanKey(
          "spark.use.train.useDino", true, "Feed the DINOv2 features to the head (ablation).");

  public static final ConfigKey<Boolean> USE_CLS =
      ConfigKey.booleanKey(
          "spark.use.train.useCls", true, "Feed the CLS path of each used backbone (ablation).");

  /** Every key of this area, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return List.of(
        PARTITIONS,
        LOCAL_STEPS,
        BATCH_SIZE,
        ROUNDS,
        INNER_LR,
        WEIGHT_DECAY,
        OUTER_LR,
        OUTER_MOMENTUM,
        NESTEROV,
        SEED,
        THREADS,
        CHECKPOINT_EVERY,
        EVAL_EVERY,
        PROMPT_TEMPLATE,
        HIDDEN_WIDTH,
        USE_CLIP,
        USE_DINO,
        USE_CLS);
  }
}
