package ai.use.jobs.label;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.runtime.SparkSessions;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code use bench-label}: label-job throughput on a fresh toy world, split by stage. Prints
 * images/s of the whole night, seconds per stage (read, decode, SAM, backbones, head, labels,
 * write) and, as the baseline ratio, the job's images/s over SAM alone's (SAM's time per image is
 * the ceiling every other stage eats into).
 */
@Command(
    name = "bench-label",
    mixinStandardHelpOptions = true,
    description =
        "Benchmark: label-job images/s split by stage on a toy world (the USE head given by --head,"
            + " else the clip-dense embedder).")
public final class BenchLabelCommand implements Callable<Integer> {
  @Option(
      names = "--images",
      defaultValue = "4",
      description = "toy images (default ${DEFAULT-VALUE})")
  int images;

  @Option(
      names = "--points-per-side",
      defaultValue = "16",
      description = "SAM prompt grid (default ${DEFAULT-VALUE})")
  int pointsPerSide;

  @Option(
      names = "--head",
      paramLabel = "URI",
      description =
          "a trained USE head (e.g. demo-out/train/head) to measure the head and DINOv2 stages;"
              + " default: the raw CLIP dense tokens (clip-dense), no head")
  String head;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "work folder (absent or empty)")
  Path dir;

  @Override
  public Integer call() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(99, images, 1), dir.resolve("toy"));
    Path vocab = Files.writeString(dir.resolve("vocab.txt"), "circle\nsquare\ntriangle\ndiamond\n");
    LabelOptions options =
        new LabelOptions(
            dir.resolve("toy/images/train").toUri().toString(),
            dir.resolve("out").toUri().toString(),
            LocalDate.of(2026, 1, 1),
            vocab.toUri().toString(),
            null,
            head,
            head == null ? "clip-dense" : null,
            true,
            false,
            5,
            100,
            new AmgFlags(AmgFlags.TOY, pointsPerSide, null, null, null, null, null, 64));
    SparkSession spark = SparkSessions.getOrCreate("use-bench-label");
    try {
      LabelResult result = LabelJob.run(spark, options);
      JsonNode json = result.summary().json();
      double perSecond = json.get("images_per_second").asDouble();
      JsonNode stages = json.get("stage_seconds");
      double sam =
          stages.get("preprocess").asDouble()
              + stages.get("sam_encoder").asDouble()
              + stages.get("prompt_decoding").asDouble()
              + stages.get("amg_postprocessing").asDouble();
      System.out.printf(
          "bench-label: %d images, %d segments, %.2f s wall, %.3f images/s (%d task slots)%n",
          result.processed(),
          result.segments(),
          result.seconds(),
          perSecond,
          spark.sparkContext().defaultParallelism());
      for (Iterator<Map.Entry<String, JsonNode>> it = stages.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        System.out.printf("  %-18s %8.2f s%n", e.getKey(), e.getValue().asDouble());
      }
      double samOnly = sam > 0 ? result.processed() / sam : 0;
      System.out.printf(
          "  baseline: SAM alone %.3f images/s per task slot; job / SAM-alone ratio %.2f%n",
          samOnly, samOnly > 0 ? perSecond / samOnly : 0);
      return result.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
