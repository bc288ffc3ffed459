package ai.use.jobs.demo;

import ai.use.common.config.TrainKeys;
import ai.use.common.toy.ToyColour;
import ai.use.common.toy.ToyShape;
import ai.use.jobs.features.FeaturesJob;
import ai.use.jobs.features.FeaturesOptions;
import ai.use.jobs.features.FeaturesResult;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.jobs.train.TrainJob;
import ai.use.jobs.train.TrainJobOptions;
import ai.use.jobs.train.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's training stage: ground-truth pairs of the held-out split, features of both splits,
 * then the train job over the colour × shape vocabulary.
 */
final class TrainingStage {
  /**
   * Training settings the demo uses unless the user set them ({@code --conf spark.use.train.*}):
   * sized for the toy features (C = 64) so the demo trains in about a minute.
   */
  static final Map<String, String> DEMO_TRAIN_CONF =
      Map.of(
          TrainKeys.HIDDEN_WIDTH.name(), "64",
          TrainKeys.BATCH_SIZE.name(), "32",
          TrainKeys.INNER_LR.name(), "0.003",
          TrainKeys.WEIGHT_DECAY.name(), "0.01",
          TrainKeys.ROUNDS.name(), "24",
          TrainKeys.LOCAL_STEPS.name(), "16",
          TrainKeys.CHECKPOINT_EVERY.name(), "8",
          TrainKeys.EVAL_EVERY.name(), "4");

  private TrainingStage() {}

  /** What the stage produced. */
  record Outcome(TrainResult train, FeaturesResult features, long heldoutPairs) {}

  static Outcome run(SparkSession spark, DemoPaths paths, String annotations) throws IOException {
    String heldoutImages = DemoPaths.uri(paths.toy().resolve("images/heldout"));
    PairsResult heldoutPairs =
        PairsJob.run(
            spark,
            new PairsOptions(
                heldoutImages,
                annotations + "instances_heldout.json",
                annotations + "captions_heldout.json",
                DemoPaths.uri(paths.heldout())));
    FeaturesResult features =
        FeaturesJob.run(
            spark,
            new FeaturesOptions(
                DemoPaths.uri(paths.tables().resolve("pairs")), DemoPaths.uri(paths.tables())));
    FeaturesJob.run(
        spark,
        new FeaturesOptions(
            DemoPaths.uri(paths.heldout().resolve("pairs")), DemoPaths.uri(paths.heldout())));
    Path vocab = paths.root().resolve("train-vocab.txt");
    Files.write(vocab, colourShapeClasses());
    DEMO_TRAIN_CONF.forEach(
        (k, v) -> {
          if (!spark.conf().contains(k)) {
            spark.conf().set(k, v);
          }
        });
    TrainResult train =
        TrainJob.run(
            spark,
            TrainJobOptions.of(
                DemoPaths.uri(paths.tables().resolve("features")),
                DemoPaths.uri(paths.heldout().resolve("features")),
                DemoPaths.uri(vocab),
                DemoPaths.uri(paths.train()),
                false));
    return new Outcome(train, features, heldoutPairs.pairs());
  }

  /** The 24 toy object classes, "{colour} {shape}" (the texts of ground-truth object pairs). */
  static List<String> colourShapeClasses() {
    List<String> classes = new ArrayList<>();
    for (ToyColour c : ToyColour.values()) {
      for (ToyShape s : ToyShape.values()) {
        classes.add(c.label() + " " + s.label());
      }
    }
    return classes;
  }
}
