package ai.use.jobs.captions;

import java.util.Locale;

/** The formats {@code --captions} may have ({@code --captions-format}). */
public enum CaptionFormat {
  /**
   * Decided from the file: {@code .parquet} or a folder → TABLE_PARQUET, {@code .csv} → CSV, JSON
   * by content.
   */
  AUTO,
  /**
   * COCO captions JSON: {@code images[{id, file_name}]}, {@code annotations[{id, image_id,
   * caption}]}.
   */
  COCO,
  /**
   * Visual Genome {@code region_descriptions.json}: {@code [{id, regions[{region_id, phrase, x, y,
   * width, height}]}]}.
   */
  VG,
  /**
   * A Parquet table with {@code caption} and {@code uri} or {@code image_id} (optional {@code
   * caption_id}).
   */
  PARQUET,
  /** The same as CSV with a header row. */
  CSV;

  /** The option value. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an option value, naming the allowed ones on failure. */
  public static CaptionFormat of(String id) {
    for (CaptionFormat f : values()) {
      if (f.id().equals(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "--captions-format " + id + " is not one of auto, coco, vg, parquet, csv");
  }

  /**
   * The format of a file given as AUTO, from its name ({@code null} for JSON: decide by content).
   */
  static CaptionFormat fromName(String uri) {
    String lower = uri.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      return CSV;
    }
    if (lower.endsWith(".json")) {
      return null;
    }
    return PARQUET;
  }
}
