package ai.use.jobs.eval;

import ai.use.common.eval.LabelLayout;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs and outputs of one eval run.
 *
 * @param predictions root of the predicted label maps (same relative paths as the ground truth; the
 *     extension may differ)
 * @param groundTruth root of the ground-truth label maps, read recursively (.png, .tif, .tiff)
 * @param classes class-list file, one class per line (line i = class i − 1)
 * @param layout how the ground truth stores classes and ignore
 * @param predictionLayout how the predictions do
 * @param parts whether this is a part-segmentation run (adds the per-object part mIoU)
 * @param out output root: {@code out/eval/…}, {@code out/errors/job=eval}, {@code
 *     out/eval.run-summary.json}
 */
public record EvalOptions(
    String predictions,
    String groundTruth,
    String classes,
    LabelLayout layout,
    LabelLayout predictionLayout,
    boolean parts,
    String out) {

  /** The options as recorded in the run summary and metrics.json. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("predictions", predictions);
    m.put("ground_truth", groundTruth);
    m.put("classes", classes);
    m.put("layout", layout.name());
    m.put("prediction_layout", predictionLayout.name());
    m.put("mode", parts ? "parts" : "semantic");
    m.put("out", out);
    return m;
  }
}
