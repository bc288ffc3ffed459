package ai.use.jobs.train;

import ai.use.common.toy.ToyColour;
import ai.use.common.toy.ToyShape;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.features.FeaturesJob;
import ai.use.jobs.features.FeaturesOptions;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.testing.SharedSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A toy world's ground-truth pairs → features, for the train tests: made once per test JVM with the
 * real pairs and features jobs (train and held-out split), plus the colour × shape vocabulary.
 */
final class ToyTrainingData {
  /** Enough images that held-out top-1 varies by seed less than the P=2 vs P=1 tolerance. */
  static final int TRAIN_IMAGES = 144;

  static final int HELDOUT_IMAGES = 100;
  private static ToyTrainingData instance;

  final Path root;
  final String trainFeatures;
  final String heldoutFeatures;
  final String vocab;

  private ToyTrainingData(Path root) {
    this.root = root;
    this.trainFeatures = root.resolve("train/features").toUri().toString();
    this.heldoutFeatures = root.resolve("heldout/features").toUri().toString();
    this.vocab = root.resolve("vocab.txt").toUri().toString();
  }

  static synchronized ToyTrainingData get() {
    if (instance == null) {
      try {
        Path root = Files.createTempDirectory("use-train-data-");
        ToyWorldGenerator.generate(
            ToyWorldSpec.small(21, TRAIN_IMAGES, HELDOUT_IMAGES), root.resolve("world"));
        for (String split : List.of("train", "heldout")) {
          String tables = root.resolve(split).toUri().toString();
          PairsJob.run(
              SharedSpark.get(),
              new PairsOptions(
                  root.resolve("world/images/" + split).toUri().toString(),
                  root.resolve("world/annotations/instances_" + split + ".json").toUri().toString(),
                  root.resolve("world/annotations/captions_" + split + ".json").toUri().toString(),
                  tables));
          FeaturesJob.run(SharedSpark.get(), new FeaturesOptions(tables + "/pairs", tables));
        }
        List<String> classes = new ArrayList<>();
        for (ToyColour colour : ToyColour.values()) {
          for (ToyShape shape : ToyShape.values()) {
            classes.add(colour.label() + " " + shape.label());
          }
        }
        Files.write(root.resolve("vocab.txt"), classes);
        instance = new ToyTrainingData(root);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }
}
