package ai.use.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The label job against the Python baseline, per image: the stages side by side (medians over the
 * repeats, with their range), model time (SAM encoder, prompt decoding, backbones: the model calls)
 * and non-model time (everything else of the end-to-end time: decoding, preprocessing, mask
 * generation's post-processing, Spark's own work and the Parquet writes on our side), and the
 * ratios.
 */
final class LabelComparison {
  /** Stages that run a model (both runtimes); preprocessing is a stage of its own. */
  static final Set<String> MODEL = Set.of("sam_encoder", "prompt_decoding", "backbones");

  private LabelComparison() {}

  static void report(
      MarkdownReport report,
      ObjectNode results,
      BenchmarkSuite.LabelFigures java,
      Spread pythonPerImage,
      Map<String, Spread> pyStages,
      JsonNode python) {
    List<List<String>> rows = new ArrayList<>();
    double javaModel = 0;
    for (Map.Entry<String, Spread> e : java.stagesPerImage().entrySet()) {
      String stage = e.getKey();
      double ours = e.getValue().median();
      if (MODEL.contains(stage)) {
        javaModel += ours;
      }
      Spread theirs = pyStages.get(stage);
      rows.add(List.of(stage, e.getValue().format(3), theirs == null ? "–" : theirs.format(3)));
    }
    double pyModel = 0;
    for (Map.Entry<String, Spread> e : pyStages.entrySet()) {
      if (MODEL.contains(e.getKey())) {
        pyModel += e.getValue().median();
      }
      if (!java.stagesPerImage().containsKey(e.getKey())) {
        rows.add(List.of(e.getKey(), "–", e.getValue().format(3)));
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
            "start-up (model loads + first 2 images, apart from the rows above), s",
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
