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

  /**
   * Frozen backbone features per pair, pooled with the segment's patch weights (DESIGN.md §5). Key:
   * {@code pair_id}. Owned by the {@code features} job; read by {@code train}.
   */
  public static final TableSchema FEATURES =
      new TableSchema(
          "features",
          1,
          List.of(
              version(),
              required("pair_id", ColumnType.STRING, "the pair these features belong to"),
              required("image_id", ColumnType.STRING, "stable hash of image_uri"),
              required("granularity", ColumnType.STRING, "object or part"),
              required("text", ColumnType.STRING, "the pair's main text"),
              required("alt_texts", ColumnType.STRING_ARRAY, "the pair's other texts"),
              required(
                  "clip_blocks",
                  ColumnType.FLOAT_ARRAY,
                  "K×C row-major: per selected CLIP block, the mask-pooled per-token-normalized"
                      + " (LayerNorm without affine) patch tokens"),
              required(
                  "dino_blocks",
                  ColumnType.FLOAT_ARRAY,
                  "K'×C' row-major: the same for DINOv2 on its own patch grid"),
              required(
                  "clip_cls",
                  ColumnType.FLOAT_ARRAY,
                  "normalized CLS token of the last selected CLIP block"),
              required(
                  "dino_cls",
                  ColumnType.FLOAT_ARRAY,
                  "normalized CLS token of the last selected DINOv2 block"),
              required("feature_version", ColumnType.STRING, "content hash of the backbone files"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /** Frozen CLIP text embeddings of every distinct text. Key: {@code text}. */
  public static final TableSchema TEXTS =
      new TableSchema(
          "texts",
          1,
          List.of(
              version(),
              required("text", ColumnType.STRING, "the text, exactly as in pairs"),
              required(
                  "embedding", ColumnType.FLOAT_ARRAY, "CLIP text embedding [D], L2-normalized"),
              required("text_model", ColumnType.STRING, "content hash of the clip-text model file"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /**
   * Labeled segments of a corpus, one row per SAM segment. Key: (image_id, segment_id,
   * model_version); partitioned by {@code run_date} (DESIGN.md §8).
   */
  public static final TableSchema SEGMENTS =
      new TableSchema(
          "segments",
          1,
          List.of(
              version(),
              required("image_id", ColumnType.STRING, "stable hash of image_uri"),
              required("image_uri", ColumnType.STRING, "URI of the image file"),
              required("segment_id", ColumnType.STRING, "stable id of the segment in its image"),
              required("mask", ColumnType.RLE, "COCO compressed RLE of the segment"),
              required("box", ColumnType.DOUBLE_ARRAY, "[x, y, w, h] in pixels (COCO bbox)"),
              required("area", ColumnType.LONG, "mask area in pixels"),
              required("predicted_iou", ColumnType.DOUBLE, "SAM predicted IoU"),
              required("stability", ColumnType.DOUBLE, "SAM stability score"),
              required("embedding", ColumnType.FLOAT_ARRAY, "USE embedding [D], L2-normalized"),
              required(
                  "model_version",
                  ColumnType.STRING,
                  "content hash of head, model files and mask-generation config"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /**
   * One row per input image per labeling run. Key: (image_id, model_version, run_date); partitioned
   * by {@code run_date}.
   */
  public static final TableSchema LABEL_MANIFEST =
      new TableSchema(
          "label_manifest",
          1,
          List.of(
              version(),
              required("image_id", ColumnType.STRING, "stable hash of image_uri"),
              required("image_uri", ColumnType.STRING, "URI of the image file"),
              required("length", ColumnType.LONG, "file length in bytes when labeled"),
              required("modification_time", ColumnType.TIMESTAMP, "file modification time"),
              required("model_version", ColumnType.STRING, "as in segments"),
              required("status", ColumnType.STRING, "labeled, no_segments or error"),
              required("segments", ColumnType.INT, "number of segments written"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /**
   * Labels of segments against one vocabulary. Key: (image_id, segment_id, model_version,
   * vocab_id); {@code --relabel} adds a vocab_id and never rewrites segments.
   */
  public static final TableSchema SEGMENT_LABELS =
      new TableSchema(
          "segment_labels",
          1,
          List.of(
              version(),
              required("image_id", ColumnType.STRING, "stable hash of image_uri"),
              required("segment_id", ColumnType.STRING, "as in segments"),
              required("model_version", ColumnType.STRING, "as in segments"),
              required(
                  "vocab_id", ColumnType.STRING, "content hash of the vocabulary and templates"),
              required("labels", ColumnType.STRING_ARRAY, "top-k class names, best first"),
              required("scores", ColumnType.DOUBLE_ARRAY, "their probabilities, same order"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /** Per-round metrics of the train job (key: run_id, round). */
  public static final TableSchema TRAIN_METRICS =
      new TableSchema(
          "train_metrics",
          1,
          List.of(
              required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row"),
              required("round", ColumnType.INT, "round index, from 0"),
              optional("loss", ColumnType.DOUBLE, "mean inner contrastive loss of the round"),
              optional(
                  "heldout_top1",
                  ColumnType.DOUBLE,
                  "held-out top-1 after the round; null when not evaluated"),
              required("examples", ColumnType.LONG, "segments consumed by all partitions"),
              required(
                  "round_ms", ColumnType.DOUBLE, "the round's Spark job, broadcast to collect"),
              required("task_ms", ColumnType.DOUBLE, "the slowest task's compute time"),
              required("overhead_ms", ColumnType.DOUBLE, "round_ms − task_ms: Spark's fixed cost"),
              required("outer_ms", ColumnType.DOUBLE, "the driver's outer step")));

  /** The caption span of every text of a model-pipeline pair (key: pair_id, text). */
  public static final TableSchema PAIR_SPANS =
      new TableSchema(
          "pair_spans",
          1,
          List.of(
              required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table"),
              required("pair_id", ColumnType.STRING, "the pair (pairs.pair_id)"),
              required("image_id", ColumnType.STRING, "stable hash of the image URI"),
              required(
                  "caption_id",
                  ColumnType.LONG,
                  "the caption: COCO caption id, Visual Genome region id, the table's caption_id"),
              required("span_start", ColumnType.INT, "first character of the phrase (UTF-16)"),
              required("span_end", ColumnType.INT, "one past its last character"),
              required("text", ColumnType.STRING, "the phrase, caption[span_start, span_end)"),
              required(
                  "primary",
                  ColumnType.BOOLEAN,
                  "true for the span of the pair's main text, false for merged duplicates"),
              required("run_id", ColumnType.STRING, "id of the run that wrote the row")));

  /** Every table the project writes, in pipeline order. */
  public static List<TableSchema> all() {
    return List.of(
        PAIRS,
        PAIR_SPANS,
        FEATURES,
        TEXTS,
        TRAIN_METRICS,
        SEGMENTS,
        LABEL_MANIFEST,
        SEGMENT_LABELS,
        ai.use.common.eval.EvalTables.CLASS_METRICS,
        ai.use.common.eval.EvalTables.CONFUSION,
        ERRORS);
  }
}
