package ai.use.jobs.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs and outputs of one train run (the job's command-line options).
 *
 * @param features the features table of the training pairs
 * @param texts the texts table with their embeddings
 * @param heldout features table of held-out pairs (object segments are evaluated), or null
 * @param vocab file with one class name per line, or null: the held-out objects' distinct texts
 * @param out output root: {@code out/head}, {@code out/train_metrics}, {@code
 *     out/train.run-summary.json}
 * @param checkpoints checkpoint root
 * @param resume continue from the latest checkpoint under {@code checkpoints}
 */
public record TrainJobOptions(
    String features,
    String texts,
    String heldout,
    String vocab,
    String out,
    String checkpoints,
    boolean resume) {

  /**
   * Options with the default texts ({@code features/../texts}) and checkpoints ({@code
   * out/checkpoints}).
   */
  public static TrainJobOptions of(
      String features, String heldout, String vocab, String out, boolean resume) {
    return new TrainJobOptions(
        features,
        sibling(features, "texts"),
        heldout,
        vocab,
        out,
        strip(out) + "/checkpoints",
        resume);
  }

  /** {@code dir/../name}. */
  public static String sibling(String dir, String name) {
    String d = strip(dir);
    int slash = d.lastIndexOf('/');
    return (slash < 0 ? "" : d.substring(0, slash + 1)) + name;
  }

  static String strip(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("features", features);
    m.put("texts", texts);
    if (heldout != null) {
      m.put("heldout", heldout);
    }
    if (vocab != null) {
      m.put("vocab", vocab);
    }
    m.put("out", out);
    m.put("checkpoints", checkpoints);
    m.put("resume", Boolean.toString(resume));
    return m;
  }
}
