package ai.use.jobs.eval;

import ai.use.common.eval.LabelLayout;
import ai.use.jobs.runtime.SparkSessions;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use eval}: the eval job on the command line. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Semantic / part segmentation metrics (mIoU, per-class IoU, pixel accuracy, fwIoU) of"
          + " predicted label maps against benchmark ground truth.",
      "Writes OUT/eval/metrics.json, OUT/eval/class_metrics and OUT/eval/confusion (Parquet),"
          + " OUT/errors/job=eval and OUT/eval.run-summary.json.",
      "Layouts: toy, ade20k-150, ade20k-847, pascal-context-59, pascal-context-459, index,"
          + " index16 (docs/eval.md).",
      "Exit code: 0 ok, 1 error rate above spark.use.maxErrorRate, 2 bad options or inputs."
    })
public final class EvalCommand implements Callable<Integer> {
  @Option(
      names = "--predictions",
      required = true,
      paramLabel = "URI",
      description = "root of the predicted label maps (same relative paths as the ground truth)")
  String predictions;

  @Option(
      names = "--ground-truth",
      required = true,
      paramLabel = "URI",
      description = "root of the ground-truth label maps (*.png, *.tif), read recursively")
  String groundTruth;

  @Option(
      names = "--classes",
      required = true,
      paramLabel = "FILE",
      description = "class list, one class per line (line i = class index i-1)")
  String classes;

  @Option(
      names = "--layout",
      defaultValue = "toy",
      description = "how the ground truth stores classes and ignore (default ${DEFAULT-VALUE})")
  String layout;

  @Option(
      names = "--prediction-layout",
      description = "how the predictions store classes (default: the same as --layout)")
  String predictionLayout;

  @Option(
      names = "--parts",
      description = "part segmentation: also report each object's mean part IoU")
  boolean parts;

  @Option(names = "--out", required = true, paramLabel = "URI", description = "output root")
  String out;

  @Override
  public Integer call() {
    LabelLayout gt = LabelLayout.named(layout);
    LabelLayout pred = predictionLayout == null ? gt : LabelLayout.named(predictionLayout);
    SparkSession spark = SparkSessions.getOrCreate("use-eval");
    try {
      EvalResult result =
          EvalJob.run(
              spark, new EvalOptions(predictions, groundTruth, classes, gt, pred, parts, out));
      System.out.println(result.summary().toJson());
      return result.succeeded() ? 0 : 1;
    } finally {
      spark.stop();
    }
  }
}
