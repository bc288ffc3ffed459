package ai.use.jobs.features;

import ai.use.jobs.runtime.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use features}: the features job on the command line. */
@Command(
    name = "features",
    mixinStandardHelpOptions = true,
    description = {
      "Frozen CLIP + DINOv2 features per pair (pooled, normalized block tokens and CLS) and the"
          + " CLIP text embedding of every distinct text.",
      "Writes OUT/features, OUT/texts (Parquet), OUT/errors/job=features and"
          + " OUT/features.run-summary.json; a rerun into the same OUT replaces them.",
      "Models: spark.use.model.clipImage, .dinov2, .clipText (default: the toy zoo).",
      "Exit code: 0 ok, 1 error rate above spark.use.maxErrorRate, 2 bad options or config."
    })
public final class FeaturesCommand implements Callable<Integer> {
  @Option(
      names = "--pairs",
      required = true,
      paramLabel = "URI",
      description = "the pairs table (OUT/pairs of `use pairs`)")
  String pairs;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "output root")
  String out;

  @Override
  public Integer call() {
    SparkSession spark = SparkSessions.getOrCreate("use-features");
    try {
      FeaturesResult result = FeaturesJob.run(spark, new FeaturesOptions(pairs, out));
      System.out.println(result.summary().toJson());
      return result.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
