package ai.use.jobs.pairs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs and outputs of one pairs run (the job's command-line options).
 *
 * @param images images root (recursive), any Hadoop URI
 * @param instances COCO-style instances JSON whose file_name values are relative to {@code images}
 * @param captions optional COCO-style captions JSON with phrase spans (alt texts); may be null
 * @param out output root: {@code out/pairs}, {@code out/errors/job=pairs}, {@code
 *     out/pairs.run-summary.json}
 */
public record PairsOptions(String images, String instances, String captions, String out) {

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", GroundTruthAnnotator.SOURCE);
    m.put("images", images);
    m.put("instances", instances);
    if (captions != null) {
      m.put("captions", captions);
    }
    m.put("out", out);
    return m;
  }
}
