package ai.use.jobs.train;

import ai.use.jobs.runtime.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use train}: the train job on the command line. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains the USE head on cached features by round-based synchronous model averaging.",
      "Writes OUT/head (head.params + head.json, a content-hash version id), OUT/train_metrics,"
          + " OUT/checkpoints/round-NNNNNN and OUT/train.run-summary.json.",
      "Settings: spark.use.train.* (partitions, localSteps, batchSize, rounds, innerLr,"
          + " outerLr, outerMomentum, nesterov, seed, threads, checkpointEvery, ...).",
      "Exit code: 0 ok, 2 bad options, config or inputs."
    })
public final class TrainCommand implements Callable<Integer> {
  @Option(
      names = "--features",
      required = true,
      paramLabel = "URI",
      description = "features table of the training pairs (OUT/features of `use features`)")
  String features;

  @Option(
      names = "--texts",
      paramLabel = "URI",
      description = "texts table (default: the texts folder beside --features)")
  String texts;

  @Option(
      names = "--heldout",
      paramLabel = "URI",
      description = "features table of held-out pairs: its object segments give held-out top-1")
  String heldout;

  @Option(
      names = "--vocab",
      paramLabel = "URI",
      description =
          "class names, one per line, for held-out top-1 (default: the held-out objects' texts)")
  String vocab;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "output root")
  String out;

  @Option(
      names = "--checkpoints",
      paramLabel = "URI",
      description = "checkpoint root (default OUT/checkpoints; file:// or s3a://)")
  String checkpoints;

  @Option(names = "--resume", description = "continue from the latest checkpoint")
  boolean resume;

  @Override
  public Integer call() {
    TrainJobOptions defaults = TrainJobOptions.of(features, heldout, vocab, out, resume);
    TrainJobOptions options =
        new TrainJobOptions(
            features,
            texts != null ? texts : defaults.texts(),
            heldout,
            vocab,
            out,
            checkpoints != null ? checkpoints : defaults.checkpoints(),
            resume);
    SparkSession spark = SparkSessions.getOrCreate("use-train");
    try {
      TrainResult result = TrainJob.run(spark, options);
      System.out.println(result.summary().toJson());
      return 0;
    } finally {
      spark.stop();
    }
  }
}
