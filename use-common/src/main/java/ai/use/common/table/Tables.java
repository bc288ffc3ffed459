package ai.use.common.table;

import static ai.use.common.table.Column.optional;
import static ai.use.common.table.Column.required;

import java.util.List;

/** The schemas of the project's tables (DESIGN.md §7), as constants. */
public final class Tables {
  private Tables() {}

  private static Column version() {
    return required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table");
  }

  /** Segment–text pairs: the training data of the USE head. Key: {@code pair_id}. */
  public static final TableSchema PAIRS =
      new TableSchema(
          "pairs",
          1,
          List.of(
              version(),
              required(
                  "pair_id",
                  ColumnType.STRING,
                  "deterministic id: hash of (image_uri, source, annotation id or segment + text)"),
              required("image_id", ColumnType.STRING, "stable hash of image_uri (16 hex digits)"),
              required("image_uri", ColumnType.STRING, "URI of the image file as listed"),
              required("granularity", ColumnType.STRING, "object or part"),
              required("text", ColumnType.STRING, "the segment's main referring text"),
              required(
                  "alt_texts",
                  ColumnType.STRING_ARRAY,
                  "other texts that refer to the same segment (caption phrases), distinct"),
              required(
                  "box",
                  ColumnType.DOUBLE_ARRAY,
                  "[x, y, w, h] in pixels of the original image (COCO bbox of the mask)"),
              required("mask", ColumnType.RLE, "COCO compressed RLE of the segment"),
              required("area", ColumnType.LONG, "mask area in pixels"),
              optional(
                  "grounding_score",
                  ColumnType.DOUBLE,
                  "grounder score of the box; null when the box came with the data"),
              optional("mask_score", ColumnType.DOUBLE, "SAM predicted IoU; null for given masks"),
              optional("stability", ColumnType.DOUBLE, "SAM stability score; null for given masks"),
              required(
                  "source",
                  ColumnType.STRING,
                  "where the pair came from: ground-truth, annotations, vlm"),
              optional("annotation_id", ColumnType.LONG, "id of the source annotation, if any"),
              optional(
                  "parent_annotation_id",
                  ColumnType.LONG,
                  "for parts: the annotation id of the object the part belongs to"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /**
   * Every job's bad inputs: one row per failed item, never a crashed job. Key: (run_id, image_id,
   * stage, item). Stored under {@code errors/job=<job>/}.
   */
  public static final TableSchema ERRORS =
      new TableSchema(
          "errors",
          1,
          List.of(
              version(),
              required("run_id", ColumnType.STRING, "id of the run"),
              optional("image_id", ColumnType.STRING, "stable hash of the URI, when known"),
              required("uri", ColumnType.STRING, "the file or annotation source at fault"),
              required(
                  "stage",
                  ColumnType.STRING,
                  "read, decode, match, annotate, mask, ... (the step that failed)"),
              required(
                  "item",
                  ColumnType.STRING,
                  "what failed inside the input: 'image', 'annotation:<id>', a file name, ..."),
              required("error_class", ColumnType.STRING, "short error kind or exception class"),
              required("message", ColumnType.STRING, "what went wrong and what to do")));
}
