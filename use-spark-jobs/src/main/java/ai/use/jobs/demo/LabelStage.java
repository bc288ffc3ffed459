package ai.use.jobs.demo;

import ai.use.common.eval.LabelLayout;
import ai.use.jobs.eval.EvalJob;
import ai.use.jobs.eval.EvalOptions;
import ai.use.jobs.eval.EvalResult;
import ai.use.jobs.label.AmgFlags;
import ai.use.jobs.label.LabelJob;
import ai.use.jobs.label.LabelOptions;
import ai.use.jobs.label.LabelPaths;
import ai.use.jobs.label.LabelResult;
import ai.use.model.head.HeadArtifact;
import ai.use.model.head.UseHead;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's label stage: labels a few held-out images three times — with the trained head, the
 * untrained head and raw CLIP dense tokens — into semantic maps of the object classes, and scores
 * each against the toy world's truth with the eval job.
 */
final class LabelStage {
  /** The trained head's run (the one the query and the report use). */
  static final String TRAINED = "label";

  private LabelStage() {}

  /** One label run and its evaluation. */
  record Run(String variant, LabelResult label, EvalResult eval, Path out) {
    Path semanticMaps() {
      return Path.of(
          java.net.URI.create(LabelPaths.semanticMaps(DemoPaths.uri(out), label.vocabId())));
    }
  }

  /** The three runs: trained head, untrained head, raw CLIP. */
  record Outcome(Run trained, Run untrained, Run clipOnly, List<Path> images) {}

  static Outcome run(SparkSession spark, DemoPaths paths, Path trainedHead, long seed, int images)
      throws IOException {
    List<Path> chosen = copyInputs(paths, images);
    Path untrainedHead = paths.root().resolve("head-untrained");
    writeUntrained(trainedHead, untrainedHead, seed);
    LocalDate night = LocalDate.now();
    Run trained = labelAndEval(spark, paths, TRAINED, night, DemoPaths.uri(trainedHead), null);
    Run untrained =
        labelAndEval(spark, paths, "label-untrained", night, DemoPaths.uri(untrainedHead), null);
    Run clip = labelAndEval(spark, paths, "label-clip", night, null, "clip-dense");
    return new Outcome(trained, untrained, clip, chosen);
  }

  private static Run labelAndEval(
      SparkSession spark,
      DemoPaths paths,
      String variant,
      LocalDate night,
      String head,
      String embedder) {
    Path out = paths.label(variant);
    String classes = DemoPaths.uri(paths.toy().resolve("semantic/objects/classes.txt"));
    LabelResult label =
        LabelJob.run(
            spark,
            new LabelOptions(
                DemoPaths.uri(paths.labelImages()),
                DemoPaths.uri(out),
                night,
                classes,
                null,
                head,
                embedder,
                true,
                false,
                3,
                100,
                AmgFlags.defaults()));
    EvalResult eval =
        EvalJob.run(
            spark,
            new EvalOptions(
                LabelPaths.semanticMaps(DemoPaths.uri(out), label.vocabId()),
                DemoPaths.uri(paths.labelTruth()),
                classes,
                LabelLayout.TOY,
                LabelLayout.TOY,
                false,
                DemoPaths.uri(out)));
    return new Run(variant, label, eval, out);
  }

  /** Copies the first {@code n} held-out images and their object label maps. */
  private static List<Path> copyInputs(DemoPaths paths, int n) throws IOException {
    Path images = paths.toy().resolve("images/heldout");
    Path truth = paths.toy().resolve("semantic/objects/heldout");
    Files.createDirectories(paths.labelImages());
    Files.createDirectories(paths.labelTruth());
    List<Path> chosen;
    try (Stream<Path> files = Files.list(images)) {
      chosen = files.filter(f -> f.toString().endsWith(".png")).sorted().limit(n).toList();
    }
    for (Path image : chosen) {
      Path name = image.getFileName();
      Files.copy(image, paths.labelImages().resolve(name));
      Files.copy(truth.resolve(name), paths.labelTruth().resolve(name));
    }
    return chosen.stream().map(p -> paths.labelImages().resolve(p.getFileName())).toList();
  }

  /** The trained head's architecture with its initial (seeded, untrained) weights. */
  private static void writeUntrained(Path trainedHead, Path out, long seed) {
    HeadArtifact trained = HeadArtifact.load(trainedHead);
    Map<String, String> info = new HashMap<>(trained.info());
    info.put("untrained", "true: the demo's baseline, initial weights of the same seed");
    new HeadArtifact(
            trained.config(),
            UseHead.initialWeights(trained.config(), seed),
            trained.clipEps(),
            trained.dinoEps(),
            info)
        .write(out);
  }
}
