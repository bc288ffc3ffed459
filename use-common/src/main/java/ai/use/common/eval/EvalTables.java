package ai.use.common.eval;

import static ai.use.common.table.Column.optional;
import static ai.use.common.table.Column.required;

import ai.use.common.table.ColumnType;
import ai.use.common.table.TableSchema;
import java.util.List;

/** Schemas of the {@code eval} job's Parquet outputs. */
public final class EvalTables {
  private EvalTables() {}

  /** One row per class of an evaluation run. Key: (run_id, class_index). */
  public static final TableSchema CLASS_METRICS =
      new TableSchema(
          "class_metrics",
          1,
          List.of(
              required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table"),
              required("run_id", ColumnType.STRING, "id of the eval run"),
              required("class_index", ColumnType.INT, "0-based class index"),
              required("class_name", ColumnType.STRING, "first name on the class list's line"),
              optional(
                  "iou",
                  ColumnType.DOUBLE,
                  "TP / (GT + Pred - TP); null when the class is in neither ground truth nor"
                      + " prediction (not part of mIoU)"),
              optional("accuracy", ColumnType.DOUBLE, "TP / GT; null when GT = 0"),
              required("true_positives", ColumnType.LONG, "pixels of the class predicted as it"),
              required("gt_pixels", ColumnType.LONG, "evaluated pixels of the class"),
              required("pred_pixels", ColumnType.LONG, "evaluated pixels predicted as the class")));

  /**
   * The non-zero cells of the merged confusion matrix. Key: (run_id, gt_class, pred_class); {@code
   * pred_class} = -1 counts ground-truth pixels predicted as ignore.
   */
  public static final TableSchema CONFUSION =
      new TableSchema(
          "confusion",
          1,
          List.of(
              required(TableSchema.VERSION_COLUMN, ColumnType.INT, "schema version of this table"),
              required("run_id", ColumnType.STRING, "id of the eval run"),
              required("gt_class", ColumnType.INT, "ground-truth class index"),
              required(
                  "pred_class", ColumnType.INT, "predicted class index; -1 = predicted ignore"),
              required("pixels", ColumnType.LONG, "pixel count")));
}
