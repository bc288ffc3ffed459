package ai.use.jobs.features;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs and outputs of one features run (the job's command-line options).
 *
 * @param pairs the pairs table (a Parquet directory)
 * @param out output root: {@code out/features}, {@code out/texts}, {@code out/errors/job=features},
 *     {@code out/features.run-summary.json}
 */
public record FeaturesOptions(String pairs, String out) {

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("pairs", pairs);
    m.put("out", out);
    return m;
  }
}
