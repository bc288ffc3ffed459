package ai.use.jobs.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs and outputs of one query run.
 *
 * @param selection which segments are ranked
 * @param texts free-text queries
 * @param likes queries by example, {@code image_id:segment_id}
 * @param top results per query
 * @param images rank images by their best segment instead of segments
 * @param template prompt template, {@code {}} = the text
 * @param out output root ({@code out/query/…}), or null to write nothing
 * @param exportEmbeddings where to export the selected segments' embeddings, or null
 * @param exportFormat {@code parquet} or {@code npy}
 */
public record QueryOptions(
    SegmentSelection selection,
    List<String> texts,
    List<String> likes,
    int top,
    boolean images,
    String template,
    String out,
    String exportEmbeddings,
    String exportFormat) {
  public QueryOptions {
    texts = List.copyOf(texts);
    likes = List.copyOf(likes);
    if (top <= 0) {
      throw new IllegalArgumentException("--top must be a positive number, got " + top);
    }
    if (!exportFormat.equals("parquet") && !exportFormat.equals("npy")) {
      throw new IllegalArgumentException(
          "--export-format " + exportFormat + " is not supported; allowed: parquet, npy");
    }
    if (texts.isEmpty() && likes.isEmpty() && exportEmbeddings == null) {
      throw new IllegalArgumentException(
          "nothing to do: give --text, --texts, --like or --export-embeddings");
    }
  }

  /** A text query for the top {@code k} segments of the current view, writing nothing. */
  public static QueryOptions text(String segments, String text, int k) {
    return new QueryOptions(
        SegmentSelection.currentView(segments),
        List.of(text),
        List.of(),
        k,
        false,
        TextQueries.DEFAULT_TEMPLATE,
        null,
        null,
        "parquet");
  }

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("segments", selection.segments());
    put(m, "manifest", selection.manifest());
    if (!selection.runDates().isEmpty()) {
      m.put("run_dates", String.join(",", selection.runDates()));
    }
    put(m, "model_version", selection.modelVersion());
    put(m, "label", selection.label());
    put(m, "vocab_id", selection.vocabId());
    m.put("queries", String.valueOf(texts.size() + likes.size()));
    m.put("top", String.valueOf(top));
    m.put("rank", images ? "images" : "segments");
    m.put("template", template);
    put(m, "out", out);
    put(m, "export_embeddings", exportEmbeddings);
    return m;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
