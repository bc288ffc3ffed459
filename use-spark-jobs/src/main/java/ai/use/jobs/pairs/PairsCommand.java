package ai.use.jobs.pairs;

import ai.use.jobs.runtime.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use pairs}: the pairs job on the command line. */
@Command(
    name = "pairs",
    mixinStandardHelpOptions = true,
    description = {
      "Segment-text pairs (object and part granularity) from images and annotations.",
      "Writes OUT/pairs (Parquet), OUT/pair_spans (annotations and vlm: the caption span of"
          + " every text of a pair), OUT/errors/job=pairs and OUT/pairs.run-summary.json;"
          + " a rerun into the same OUT replaces them.",
      "Exit code: 0 ok, 1 error rate above spark.use.maxErrorRate, 2 bad options or config."
    })
public final class PairsCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      defaultValue = GroundTruthAnnotator.SOURCE,
      description =
          "where segments and texts come from: ground-truth (annotated masks and their texts;"
              + " needs --instances) or annotations (the model pipeline: captions that come with"
              + " the data -> phrases -> grounding -> SAM masks; needs --captions) or vlm (the"
              + " same pipeline on captions asked from a vision-language model, spark.use.vlm.*)."
              + " Default"
              + " ${DEFAULT-VALUE}")
  String source;

  @Option(
      names = "--images",
      paramLabel = "URI",
      description = "images root, read recursively (file://, s3a://, plain path); required")
  String images;

  @Option(
      names = "--instances",
      paramLabel = "URI",
      description =
          "ground-truth: COCO-style instances JSON (polygons or RLE); file_name relative to"
              + " --images")
  String instances;

  @Option(
      names = "--captions",
      paramLabel = "URI",
      description =
          "ground-truth: optional COCO-style captions JSON with phrase spans (become alt_texts);"
              + " annotations: the captions (COCO captions JSON, Visual Genome region descriptions"
              + " JSON, or a Parquet / CSV table with caption and uri or image_id)")
  String captions;

  @Option(
      names = "--captions-format",
      defaultValue = "auto",
      description =
          "annotations: auto (by name: .csv, .json by content, else Parquet), coco, vg, parquet"
              + " or csv (default ${DEFAULT-VALUE})")
  String captionsFormat;

  @Option(names = "--out", paramLabel = "URI", description = "output root (required)")
  String out;

  @Override
  public Integer call() {
    PairsOptions options =
        new PairsOptions(source, images, instances, captions, captionsFormat, out);
    SparkSession spark = SparkSessions.getOrCreate("use-pairs");
    try {
      PairsResult result = PairsJob.run(spark, options);
      System.out.println(result.summary().toJson());
      return result.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
