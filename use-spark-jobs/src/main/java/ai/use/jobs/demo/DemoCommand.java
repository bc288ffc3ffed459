package ai.use.jobs.demo;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.cli.GenToyCommand;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.jobs.runtime.SparkSessions;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code use demo}: the embedded default on one machine — generates the toy world and runs the jobs
 * on it with {@code file://} paths, then writes {@code OUT/summary.json} (one object per stage,
 * stable key names) and prints a summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The embedded default: toy world -> pairs (more stages as they land), on this machine.",
      "Writes OUT/toy (the corpus), OUT/tables (Parquet tables, run summaries) and"
          + " OUT/summary.json."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

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

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.getOrCreate("use-demo");
    try {
      return run(spark, out, GenToyCommand.spec(seed, trainImages, heldoutImages)) ? 0 : 1;
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the demo on {@code spark} into the local folder {@code out}; prints the summary and writes
   * {@code out/summary.json}.
   *
   * @return whether every stage succeeded and the pairs table has one row per train segment
   */
  public static boolean run(SparkSession spark, Path out, ToyWorldSpec spec) throws Exception {
    Path root = out.toAbsolutePath().normalize();
    Path toy = root.resolve("toy");
    Path tables = root.resolve("tables");
    if (Files.exists(toy)) {
      LOG.info("[demo] replacing the toy world in {}", toy);
      MoreFiles.deleteRecursively(toy, RecursiveDeleteOption.ALLOW_INSECURE);
    }
    long t0 = System.nanoTime();
    LOG.info("[demo] generating the toy world into {}", toy);
    ToyWorldSummary world = ToyWorldGenerator.generate(spec, toy);
    double toySeconds = (System.nanoTime() - t0) / 1e9;

    String annotations = toy.resolve("annotations").toUri().toString();
    PairsResult pairs =
        PairsJob.run(
            spark,
            new PairsOptions(
                toy.resolve("images").resolve(ToySplit.TRAIN.label()).toUri().toString(),
                annotations + "instances_train.json",
                annotations + "captions_train.json",
                tables.toUri().toString()));

    LOG.info("[demo] measuring the models on the held-out toy world");
    ObjectNode models = ModelsStage.run(spark, toy);

    ToyWorldSummary.Split train = world.split(ToySplit.TRAIN);
    boolean countsMatch = pairs.pairs() == train.annotations();
    ObjectNode summary = summaryJson(world, toySeconds, pairs, countsMatch);
    summary.set("models", models);
    JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    Files.writeString(root.resolve("summary.json"), mapper.writeValueAsString(summary) + "\n");

    System.out.println();
    System.out.println("USE on Spark demo — " + root);
    System.out.printf(
        "  toy world   %d train + %d held-out images, %d train segments (%.1f s)%n",
        train.images(), world.split(ToySplit.HELDOUT).images(), train.annotations(), toySeconds);
    System.out.printf(
        "  pairs       %d rows, %d errors, %d images in %.1f s -> %s  [%s]%n",
        pairs.pairs(),
        pairs.errors(),
        pairs.images(),
        pairs.seconds(),
        tables.resolve("pairs"),
        pairs.summary().status());
    System.out.printf(
        "  models      SAM box pass %.2f, point pass %.2f, grounder pass %.2f on %d held-out objects"
            + " (%.1f s; zoo %d bytes)%n",
        models.get("sam_box_iou_pass_rate").asDouble(),
        models.get("sam_point_iou_pass_rate").asDouble(),
        models.get("grounder_pass_rate").asDouble(),
        models.get("objects").asInt(),
        models.get("seconds").asDouble(),
        models.get("zoo_bytes").asLong());
    System.out.println("  summary     " + root.resolve("summary.json"));
    if (!countsMatch) {
      System.out.println(
          "  MISMATCH: the pairs table should have one row per annotated train segment ("
              + train.annotations()
              + ")");
    }
    return pairs.succeeded() && countsMatch;
  }

  private static ObjectNode summaryJson(
      ToyWorldSummary world, double toySeconds, PairsResult pairs, boolean countsMatch) {
    ObjectNode root = JsonMapper.builder().build().createObjectNode();
    ObjectNode p = root.putObject("pairs");
    p.put("rows", pairs.pairs());
    p.put("errors", pairs.errors());
    p.put("images", pairs.images());
    p.put("seconds", round(pairs.seconds()));
    p.put("status", pairs.summary().status());
    p.put("expected_rows", world.split(ToySplit.TRAIN).annotations());
    p.put("rows_match_annotations", countsMatch);
    ObjectNode toy = root.putObject("toy");
    toy.put("spec_version", world.spec().specVersion());
    toy.put("seed", world.spec().seed());
    toy.put("seconds", round(toySeconds));
    for (ToySplit split : ToySplit.values()) {
      ToyWorldSummary.Split c = world.split(split);
      ObjectNode s = toy.putObject(split.label());
      s.put("images", c.images());
      s.put("objects", c.objects());
      s.put("parts", c.parts());
      s.put("segments", c.annotations());
    }
    return root;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
