package ai.use.jobs.pairs;

import static ai.use.common.table.Column.required;

import ai.use.common.table.ColumnType;
import ai.use.common.table.TableSchema;
import java.util.List;

/**
 * The {@code pair_spans} table the model pipeline writes beside {@code pairs}: where each text of a
 * pair (its main text and every alt text) comes from in its caption. Key: (pair_id, caption_id,
 * span_start, span_end). It exists because {@code pairs} has no span column yet; docs/pairs.md.
 */
public final class PairSpans {
  private PairSpans() {}

  public static final TableSchema SCHEMA =
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
}
