package ai.use.jobs.label;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Inputs and outputs of one label run (the job's command-line options).
 *
 * @param images images root, read recursively (any Hadoop URI); null with {@code relabel}
 * @param out output root holding the tables (see {@link LabelPaths})
 * @param runDate the night this run labels: its partitions are replaced
 * @param vocab vocabulary file (one class per line, synonyms after commas); null: no labels
 * @param templates prompt templates file ({@code {}} = class name); null: the defaults
 * @param head USE head artifact folder; null with {@code embedder}
 * @param embedder {@code clip-dense} for the raw-CLIP baseline; null with {@code head}
 * @param semanticMaps whether to write per-image semantic label PNGs
 * @param relabel score stored embeddings against {@code vocab}; no image model runs
 * @param topK labels kept per segment
 * @param logitScale CLIP logit scale of the label softmax
 * @param amg the mask-generation options
 */
public record LabelOptions(
    String images,
    String out,
    LocalDate runDate,
    String vocab,
    String templates,
    String head,
    String embedder,
    boolean semanticMaps,
    boolean relabel,
    int topK,
    double logitScale,
    AmgFlags amg) {

  /** Checks the combination of options; fails naming the option and what to do. */
  public LabelOptions {
    if (out == null || out.isBlank()) {
      throw new IllegalArgumentException("--out is required");
    }
    if (runDate == null) {
      throw new IllegalArgumentException("--run-date is required (YYYY-MM-DD)");
    }
    if (relabel) {
      if (vocab == null) {
        throw new IllegalArgumentException("--relabel needs --vocab: the vocabulary to score with");
      }
    } else {
      if (images == null) {
        throw new IllegalArgumentException("--images is required (unless --relabel)");
      }
      if ((head == null) == (embedder == null)) {
        throw new IllegalArgumentException(
            "give exactly one of --head URI (the trained USE head) or --embedder clip-dense (the"
                + " raw CLIP baseline)");
      }
    }
    if (semanticMaps && vocab == null) {
      throw new IllegalArgumentException(
          "--semantic-maps needs --vocab: maps hold vocabulary classes");
    }
    if (topK < 1) {
      throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
    }
    if (!(logitScale > 0) || !Double.isFinite(logitScale)) {
      throw new IllegalArgumentException("--logit-scale must be finite and > 0, got " + logitScale);
    }
  }

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "images", images);
    m.put("out", out);
    m.put("run_date", runDate.toString());
    put(m, "vocab", vocab);
    put(m, "templates", templates);
    put(m, "head", head);
    put(m, "embedder", embedder);
    m.put("semantic_maps", Boolean.toString(semanticMaps));
    m.put("relabel", Boolean.toString(relabel));
    m.put("top_k", Integer.toString(topK));
    m.put("logit_scale", Double.toString(logitScale));
    if (!relabel) {
      m.put("amg", amg.toString());
    }
    return m;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
