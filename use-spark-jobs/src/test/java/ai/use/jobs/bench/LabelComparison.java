package ai.use.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label job against the Python baseline, per image: the stages side by side, model time (SAM
 * encoder with its preprocessing, prompt decoding, backbones with theirs) and non-model time
 * (everything else of the end-to-end time, Spark's own work and the Parquet writes included on our
 * side), and the ratios.
 */
final class LabelComparison {
  /** Stages that run a model, their preprocessing included (both runtimes). */
  static final Set<String> MODEL =
      Set.of("sam_encoder", "preprocess", "prompt_decoding", "backbones");

  private LabelComparison() {}

  static void report(
      MarkdownReport report,
      ObjectNode results,
      BenchmarkSuite.LabelFigures java,
      Spread pythonPerImage,
      JsonNode python) {
    JsonNode pyStages =
        python == null
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
            : python.get("mean_seconds_per_image");
    List<List<String>> rows = new ArrayList<>();
    double javaModel = 0;
    for (Map.Entry<String, Spread> e : java.stagesPerImage().entrySet()) {
      String stage = e.getKey();
      double ours = e.getValue().median();
      if (MODEL.contains(stage)) {
        javaModel += ours;
      }
      JsonNode theirs = pyStages.get(stage);
      rows.add(
          List.of(
              stage,
              e.getValue().format(3),
              theirs == null ? "–" : BenchmarkSuite.fmt(theirs.asDouble(), 3)));
    }
    double pyModel = 0;
    for (var it = pyStages.fields(); it.hasNext(); ) {
      var e = it.next();
      if (MODEL.contains(e.getKey())) {
        pyModel += e.getValue().asDouble();
      }
      if (!java.stagesPerImage().containsKey(e.getKey())) {
        rows.add(List.of(e.getKey(), "–", BenchmarkSuite.fmt(e.getValue().asDouble(), 3)));
      }
    }
    double javaTotal = java.secondsPerImage().median();
    double pyTotal = pythonPerImage == null ? Double.NaN : pythonPerImage.median();
    double javaNonModel = javaTotal - javaModel;
    double pyNonModel = pyTotal - pyModel;
    rows.add(List.of("**model time**", BenchmarkSuite.fmt(javaModel, 3), orDash(pyModel, python)));
    rows.add(
        List.of(
            "**non-model time**", BenchmarkSuite.fmt(javaNonModel, 3), orDash(pyNonModel, python)));
    rows.add(
        List.of(
            "**end to end**",
            java.secondsPerImage().format(3),
            pythonPerImage == null ? "–" : pythonPerImage.format(3)));
    rows.add(
        List.of(
            "start-up (first 2 images: model loads, first calls), s",
            BenchmarkSuite.fmt(java.startupSeconds(), 2),
            python == null ? "–" : python.path("startup_seconds").asText("–")));
    rows.add(
        List.of(
            "peak heap / peak resident set, MiB",
            BenchmarkSuite.fmt(java.peakHeapMiB(), 0)
                + " / "
                + BenchmarkSuite.fmt(java.peakResidentMiB(), 0),
            python == null ? "–" : "– / " + python.path("peak_rss_mib").asText("–")));
    if (python == null) {
      report.table(
          "Label job, seconds per image (medians, range over repeats)",
          List.of("stage", "Java label job (local[1])", "Python baseline (not run)"),
          rows);
      return;
    }
    ObjectNode c = results.putObject("label_comparison");
    c.put("java_seconds_per_image", javaTotal);
    c.put("python_seconds_per_image", pyTotal);
    c.put("java_non_model", javaNonModel);
    c.put("python_non_model", pyNonModel);
    c.put("end_to_end_ratio", pyTotal / javaTotal);
    c.put("non_model_ratio", javaNonModel / pyNonModel);
    report.table(
        String.format(
            "Label job vs Python baseline, seconds per image (medians, range over repeats): end to"
                + " end Python ÷ Java = %.2f; non-model Java ÷ Python = %.2f (target ≤ 1)",
            pyTotal / javaTotal, javaNonModel / pyNonModel),
        List.of("stage", "Java label job (local[1])", "Python baseline"),
        rows);
  }

  private static String orDash(double value, JsonNode python) {
    return python == null ? "–" : BenchmarkSuite.fmt(value, 3);
  }
}
