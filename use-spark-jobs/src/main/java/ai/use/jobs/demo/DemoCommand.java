package ai.use.jobs.demo;

import ai.use.common.config.TrainKeys;
import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.cli.GenToyCommand;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.jobs.pairs.ToyPairsScoring;
import ai.use.jobs.query.QueryHit;
import ai.use.jobs.query.QueryJob;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.model.pairs.PairScores;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code use demo}: the embedded default on one machine — generates the toy world and runs the
 * whole chain on it (pairs → features → train → label → eval → query) with {@code file://} paths
 * and the toy model zoo, then writes {@code OUT/summary.json} (one object per stage, stable key
 * names), {@code OUT/report.html} and prints a summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The embedded default, on this machine: toy world -> pairs (ground truth, and the model"
          + " pipeline on captions) -> features -> train -> label (SAM automatic masks + the"
          + " trained head) -> eval (mIoU) -> query.",
      "Writes OUT/toy (the corpus), the tables of every job under OUT, OUT/summary.json and"
          + " OUT/report.html (labeled images, query results)."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

  /** The demo's query text. */
  static final String QUERY = "red circle";

  /** Held-out images the label stage labels by default (3 runs of SAM each). */
  static final int LABEL_IMAGES = 8;

  /** Stage outputs replaced on every demo run (tables are overwritten by their jobs). */
  private static final List<String> REPLACED =
      List.of(
          "toy",
          "heldout",
          "model-pairs",
          "train",
          "label-input",
          "label",
          "label-untrained",
          "label-clip",
          "head-untrained");

  @Option(
      names = "--out",
      defaultValue = "demo-out",
      paramLabel = "DIR",
      description = "local output folder (default ${DEFAULT-VALUE})")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "toy world seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--train-images", description = "train images (default: the spec's 240)")
  Integer trainImages;

  @Option(names = "--heldout-images", description = "held-out images (default: the spec's 60)")
  Integer heldoutImages;

  @Option(
      names = "--label-images",
      defaultValue = "" + LABEL_IMAGES,
      description = "held-out images the label stage labels (default ${DEFAULT-VALUE})")
  int labelImages;

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("use-demo");
    try {
      return run(spark, out, GenToyCommand.spec(seed, trainImages, heldoutImages), labelImages)
          ? 0
          : 1;
    } finally {
      spark.stop();
    }
  }

  /** {@link #run(SparkSession, Path, ToyWorldSpec, int)} with the default label image count. */
  public static boolean run(SparkSession spark, Path out, ToyWorldSpec spec) throws Exception {
    return run(spark, out, spec, LABEL_IMAGES);
  }

  /**
   * Runs the demo on {@code spark} into the local folder {@code out}; prints the summary and writes
   * {@code out/summary.json} and {@code out/report.html}.
   *
   * @return whether every stage succeeded and the pairs table has one row per train segment
   */
  public static boolean run(SparkSession spark, Path out, ToyWorldSpec spec, int labelImages)
      throws Exception {
    DemoPaths paths = new DemoPaths(out.toAbsolutePath().normalize());
    for (String stage : REPLACED) {
      Path p = paths.root().resolve(stage);
      if (Files.exists(p)) {
        MoreFiles.deleteRecursively(p, RecursiveDeleteOption.ALLOW_INSECURE);
      }
    }
    long t0 = System.nanoTime();
    LOG.info("[demo] generating the toy world into {}", paths.toy());
    ToyWorldSummary world = ToyWorldGenerator.generate(spec, paths.toy());
    double toySeconds = (System.nanoTime() - t0) / 1e9;

    String annotations = DemoPaths.uri(paths.toy().resolve("annotations")) + "/";
    LOG.info("[demo] pairs from the ground truth of the train split");
    PairsResult pairs =
        PairsJob.run(
            spark,
            new PairsOptions(
                DemoPaths.uri(paths.toy().resolve("images/train")),
                annotations + "instances_train.json",
                annotations + "captions_train.json",
                DemoPaths.uri(paths.tables())));

    LOG.info("[demo] pairs from captions with the models (held-out split)");
    PairsResult modelPairs =
        PairsJob.run(
            spark,
            PairsOptions.annotations(
                DemoPaths.uri(paths.toy().resolve("images/heldout")),
                annotations + "captions_heldout.json",
                "auto",
                DemoPaths.uri(paths.modelPairs())));
    PairScores scores =
        ToyPairsScoring.score(
            spark, DemoPaths.uri(paths.modelPairs()), paths.toy(), ToySplit.HELDOUT.label());

    LOG.info("[demo] measuring the models and mask generation on the held-out toy world");
    ObjectNode models = ModelsStage.run(spark, paths.toy());
    ObjectNode amg = ModelsStage.amg(spark, paths.toy());

    LOG.info("[demo] features and training");
    TrainingStage.Outcome training = TrainingStage.run(spark, paths, annotations);

    LOG.info(
        "[demo] labeling {} held-out images (trained head, untrained head, raw CLIP)", labelImages);
    long trainSeed = TrainKeys.SEED.read(SparkSessions.useProperties(spark));
    LabelStage.Outcome label =
        LabelStage.run(
            spark,
            paths,
            Path.of(java.net.URI.create(training.train().headUri())),
            trainSeed,
            labelImages);

    LOG.info("[demo] query: {}", QUERY);
    String segments = DemoPaths.uri(paths.label(LabelStage.TRAINED).resolve("segments"));
    List<QueryHit> hits = QueryJob.topSegments(spark, segments, QUERY, 5);

    ToyWorldSummary.Split train = world.split(ToySplit.TRAIN);
    boolean countsMatch = pairs.pairs() == train.annotations();
    ObjectNode summary = DemoSummary.json(world, toySeconds, pairs, countsMatch);
    DemoSummary.addModelPairs((ObjectNode) summary.get("pairs"), modelPairs, scores);
    summary.set("models", models);
    summary.set("amg", amg);
    summary.set("train", DemoSummary.train(training));
    summary.set("label", DemoSummary.label(label));
    ObjectNode query = summary.putObject("query");
    query.put("text", QUERY);
    ArrayNode top = query.putArray("top");
    for (QueryHit h : hits) {
      top.addObject()
          .put("image_id", h.imageId())
          .put("segment_id", h.segmentId())
          .put("score", Math.round(h.score() * 10000) / 10000.0);
    }
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.writeString(
        paths.root().resolve("summary.json"), mapper.writeValueAsString(summary) + "\n");
    DemoReports.write(spark, paths, summary, label, QUERY, hits);

    DemoSummary.print(paths, summary, pairs, countsMatch, train);
    boolean ok =
        pairs.succeeded()
            && countsMatch
            && modelPairs.succeeded()
            && training.train().summary().status().equals("succeeded")
            && label.trained().label().succeeded()
            && label.trained().eval().succeeded();
    return ok;
  }
}
