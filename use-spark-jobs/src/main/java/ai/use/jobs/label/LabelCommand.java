package ai.use.jobs.label;

import ai.use.jobs.runtime.SparkSessions;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use label}: the label job on the command line. */
@Command(
    name = "label",
    mixinStandardHelpOptions = true,
    description = {
      "Nightly, incremental labeling of an image corpus: SAM automatic masks -> backbone features ->"
          + " segment embeddings -> OUT/segments, OUT/label_manifest (partitioned by run_date) and,"
          + " with --vocab, OUT/segment_labels (by vocab_id). Unchanged images labeled on an earlier"
          + " night with the same models are skipped; a rerun of a night replaces that night.",
      "--relabel --vocab FILE scores the stored embeddings against a new vocabulary (no image"
          + " model runs).",
      "Exit code: 0 ok, 1 error rate above spark.use.maxErrorRate, 2 bad options or config."
    })
public final class LabelCommand implements Callable<Integer> {
  @Option(
      names = "--images",
      paramLabel = "URI",
      description = "images root, read recursively (file://, s3a://, plain path)")
  String images;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "output root")
  String out;

  @Option(
      names = "--run-date",
      required = true,
      paramLabel = "YYYY-MM-DD",
      description = "the night this run labels; its partitions are replaced")
  String runDate;

  @Option(
      names = "--vocab",
      paramLabel = "FILE",
      description = "vocabulary: one class per line, synonyms after commas (# comments)")
  String vocab;

  @Option(
      names = "--templates",
      paramLabel = "FILE",
      description = "prompt templates, one per line with {} for the class name (default: built in)")
  String templates;

  @Option(names = "--head", paramLabel = "URI", description = "trained USE head artifact folder")
  String head;

  @Option(
      names = "--embedder",
      paramLabel = "NAME",
      description = "clip-dense: raw CLIP dense tokens pooled per segment (baseline, no head)")
  String embedder;

  @Option(names = "--semantic-maps", description = "write per-image semantic label PNGs")
  boolean semanticMaps;

  @Option(names = "--relabel", description = "label stored embeddings with --vocab only")
  boolean relabel;

  @Option(
      names = "--top-k",
      defaultValue = "5",
      description = "labels kept per segment (default ${DEFAULT-VALUE})")
  int topK;

  @Option(
      names = "--logit-scale",
      defaultValue = "100",
      description = "CLIP logit scale of the label softmax (default ${DEFAULT-VALUE})")
  double logitScale;

  @Option(
      names = "--amg-preset",
      defaultValue = AmgFlags.TOY,
      description =
          "SAM automatic masks: toy (the toy zoo: 16 points/side, single-mask output, IoU 0.8,"
              + " stability 0.9) or sam (SAM's defaults for real checkpoints: 32 points/side,"
              + " multimask, IoU 0.88, stability 0.95); the flags below override it"
              + " (default ${DEFAULT-VALUE})")
  String amgPreset;

  @Option(names = "--points-per-side", description = "prompt points per side")
  Integer pointsPerSide;

  @Option(names = "--pred-iou-thresh", description = "keep masks with predicted IoU above this")
  Double predIouThresh;

  @Option(
      names = "--stability-thresh",
      description = "keep masks with stability score at least this")
  Double stabilityThresh;

  @Option(names = "--box-nms-thresh", description = "box IoU cut-off of the mask NMS")
  Double boxNmsThresh;

  @Option(
      names = "--min-region-area",
      description = "remove mask holes/islands below this many pixels (0: off)")
  Integer minRegionArea;

  @Option(
      names = "--multimask",
      negatable = true,
      description = "decode SAM's three multimask outputs instead of its single-mask output")
  Boolean multimask;

  @Override
  public Integer call() {
    LocalDate date;
    try {
      date = LocalDate.parse(runDate);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--run-date " + runDate + " is not a date; write YYYY-MM-DD, e.g. 2026-11-25");
    }
    AmgFlags amg =
        new AmgFlags(
            amgPreset,
            pointsPerSide,
            predIouThresh,
            stabilityThresh,
            boxNmsThresh,
            minRegionArea,
            multimask,
            64);
    amg.toOptions(); // fails fast naming the option
    LabelOptions options =
        new LabelOptions(
            images,
            out,
            date,
            vocab,
            templates,
            head,
            embedder,
            semanticMaps,
            relabel,
            topK,
            logitScale,
            amg);
    SparkSession spark = SparkSessions.getOrCreate("use-label");
    try {
      LabelResult result = LabelJob.run(spark, options);
      System.out.println(result.summary().toJson());
      return result.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
