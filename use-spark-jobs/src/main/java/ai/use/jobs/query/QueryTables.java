package ai.use.jobs.query;

import static ai.use.common.table.Column.optional;
import static ai.use.common.table.Column.required;

import ai.use.common.table.ColumnType;
import ai.use.common.table.TableSchema;
import java.util.List;

/** Schemas of the {@code query} job's Parquet outputs. */
public final class QueryTables {
  private QueryTables() {}

  private static ai.use.common.table.Column version() {
    return required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table");
  }

  /** Ranked results. Key: (run_id, query_index, rank). */
  public static final TableSchema RESULTS =
      new TableSchema(
          "results",
          1,
          List.of(
              version(),
              required("run_id", ColumnType.STRING, "id of the query run"),
              required("query_index", ColumnType.INT, "0-based position of the query"),
              required("query", ColumnType.STRING, "the text, or like:<image_id>:<segment_id>"),
              required("rank", ColumnType.INT, "1 = best"),
              required("score", ColumnType.DOUBLE, "cosine similarity with the query"),
              required("image_id", ColumnType.STRING, "as in segments"),
              required("segment_id", ColumnType.STRING, "as in segments (images mode: the best)"),
              required("image_uri", ColumnType.STRING, "as in segments"),
              required("model_version", ColumnType.STRING, "as in segments"),
              optional("run_date", ColumnType.STRING, "run_date partition of the segment"),
              required("box", ColumnType.DOUBLE_ARRAY, "[x, y, w, h] (COCO bbox)"),
              required("area", ColumnType.LONG, "mask area in pixels"),
              required("mask", ColumnType.RLE, "COCO compressed RLE of the segment")));

  /** The run's query embeddings (for the DuckDB recipe). Key: (run_id, query_index). */
  public static final TableSchema QUERIES =
      new TableSchema(
          "queries",
          1,
          List.of(
              version(),
              required("run_id", ColumnType.STRING, "id of the query run"),
              required("query_index", ColumnType.INT, "0-based position of the query"),
              required("query", ColumnType.STRING, "the text, or like:<image_id>:<segment_id>"),
              optional("prompt", ColumnType.STRING, "the text with the template applied"),
              required("embedding", ColumnType.FLOAT_ARRAY, "query embedding [D], L2-normalized")));

  /** Segment embeddings exported for vector indexes. Key: (image_id, segment_id, model_version). */
  public static final TableSchema EMBEDDINGS =
      new TableSchema(
          "embeddings",
          1,
          List.of(
              version(),
              required("image_id", ColumnType.STRING, "as in segments"),
              required("segment_id", ColumnType.STRING, "as in segments"),
              required("model_version", ColumnType.STRING, "as in segments"),
              optional("run_date", ColumnType.STRING, "run_date partition of the segment"),
              required("image_uri", ColumnType.STRING, "as in segments"),
              required("embedding", ColumnType.FLOAT_ARRAY, "USE embedding [D], L2-normalized")));
}
