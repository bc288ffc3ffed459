package ai.use.jobs.eval;

import ai.use.common.eval.ClassMetrics;
import ai.use.common.eval.ConfusionMatrix;
import ai.use.common.eval.EvalTables;
import ai.use.common.eval.SegmentationMetrics;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.tables.TableWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Writes an eval run's results: {@code out/eval/metrics.json}, the per-class table {@code
 * out/eval/class_metrics} and the non-zero confusion cells {@code out/eval/confusion} (Parquet).
 */
final class EvalReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private EvalReport() {}

  /** Root of the eval outputs under {@code out}. */
  static String root(String out) {
    return (out.endsWith("/") ? out : out + "/") + "eval";
  }

  /** The metrics as JSON (undefined values as null). */
  static ObjectNode json(
      SegmentationMetrics m, EvalOptions options, String runId, long images, long errors) {
    ObjectNode root = JSON.createObjectNode();
    root.put("run_id", runId);
    options.asMap().forEach(root::put);
    root.put("images", images);
    root.put("errors", errors);
    root.put("classes", m.perClass().size());
    root.put("classes_evaluated", m.classesEvaluated());
    root.put("pixels", m.pixels());
    put(root, "miou", m.miou());
    put(root, "mean_accuracy", m.meanAccuracy());
    put(root, "pixel_accuracy", m.pixelAccuracy());
    put(root, "fw_iou", m.frequencyWeightedIou());
    root.put(
        "definition",
        "mmseg IoUMetric / detectron2 SemSegEvaluator: mIoU over classes present in ground truth"
            + " or prediction");
    if (options.parts()) {
      ObjectNode byObject = root.putObject("part_miou_by_object");
      m.partMiouByObject().forEach(byObject::put);
    }
    ArrayNode perClass = root.putArray("per_class");
    for (ClassMetrics c : m.perClass()) {
      ObjectNode node = perClass.addObject();
      node.put("class_index", c.classIndex());
      node.put("class_name", c.name());
      put(node, "iou", c.iou());
      put(node, "accuracy", c.accuracy());
      node.put("true_positives", c.truePositives());
      node.put("gt_pixels", c.groundTruthPixels());
      node.put("pred_pixels", c.predictedPixels());
    }
    return root;
  }

  static void write(
      SparkSession spark,
      SegmentationMetrics metrics,
      ConfusionMatrix matrix,
      ObjectNode json,
      String out,
      String runId) {
    String root = root(out);
    try {
      HadoopFiles.writeString(
          root + "/metrics.json",
          JSON.writeValueAsString(json) + "\n",
          spark.sparkContext().hadoopConfiguration());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    List<Row> classRows = new ArrayList<>();
    for (ClassMetrics c : metrics.perClass()) {
      classRows.add(
          RowFactory.create(
              EvalTables.CLASS_METRICS.version(),
              runId,
              c.classIndex(),
              c.name(),
              Double.isNaN(c.iou()) ? null : c.iou(),
              Double.isNaN(c.accuracy()) ? null : c.accuracy(),
              c.truePositives(),
              c.groundTruthPixels(),
              c.predictedPixels()));
    }
    TableWriter.overwrite(
        spark,
        classRows,
        EvalTables.CLASS_METRICS,
        root + "/" + EvalTables.CLASS_METRICS.name(),
        1);
    List<Row> cells = new ArrayList<>();
    int n = matrix.classes();
    for (int g = 0; g < n; g++) {
      for (int p = 0; p <= n; p++) {
        long pixels = matrix.get(g, p);
        if (pixels > 0) {
          cells.add(
              RowFactory.create(EvalTables.CONFUSION.version(), runId, g, p == n ? -1 : p, pixels));
        }
      }
    }
    TableWriter.overwrite(
        spark, cells, EvalTables.CONFUSION, root + "/" + EvalTables.CONFUSION.name(), 1);
  }

  private static void put(ObjectNode node, String key, double value) {
    if (Double.isNaN(value)) {
      node.putNull(key);
    } else {
      node.put(key, value);
    }
  }
}
