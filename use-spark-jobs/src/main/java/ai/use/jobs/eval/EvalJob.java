package ai.use.jobs.eval;

import ai.use.common.config.CoreConfig;
import ai.use.common.eval.ClassList;
import ai.use.common.eval.ImageEvaluation;
import ai.use.common.eval.SegmentationMetrics;
import ai.use.common.table.Tables;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.ErrorPolicy;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.jobs.tables.TableWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code eval}: predicted label maps vs benchmark ground truth → mIoU, per-class IoU, pixel
 * accuracy, frequency-weighted IoU ({@link SegmentationMetrics}). Each partition of image pairs
 * sums its images' confusion matrices; the partitions' matrices are merged by addition ({@code
 * treeReduce}), so only {@code n × (n + 1)} counts per partition travel, never pixels. Missing,
 * unreadable or mismatched maps become {@code errors} rows and are left out of the metrics.
 */
public final class EvalJob {
  private static final Logger LOG = LoggerFactory.getLogger(EvalJob.class);

  /** Job name: errors partition, summary file name, Spark job group. */
  public static final String NAME = "eval";

  private EvalJob() {}

  /** Runs the job on {@code spark}; validates config and inputs before any Spark action. */
  public static EvalResult run(SparkSession spark, EvalOptions options) {
    CoreConfig config = CoreConfig.from(SparkSessions.useProperties(spark));
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration hadoop = jsc.hadoopConfiguration();
    ClassList classes = readClasses(options.classes(), hadoop);
    options.layout().checkClassCount(classes.size(), options.classes());
    options.predictionLayout().checkClassCount(classes.size(), options.classes());
    LabelFiles.Matched matched =
        LabelFiles.match(options.groundTruth(), options.predictions(), hadoop);
    LOG.info(
        "[eval] {} ground-truth maps, {} with a prediction, {} classes, layout {}",
        matched.groundTruthFiles(),
        matched.pairs().size(),
        classes.size(),
        options.layout());

    jsc.setJobGroup("use-" + NAME + "-" + runId, "USE eval " + options.groundTruth(), false);
    ProgressListener progress = new ProgressListener(NAME, 5_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      int n = classes.size();
      ImageEvaluation evaluation =
          new ImageEvaluation(options.layout(), options.predictionLayout(), n);
      SerializableConfiguration conf = new SerializableConfiguration(hadoop);
      int partitions =
          Math.max(
              1,
              Math.min(
                  matched.pairs().size(),
                  config.partitions() > 0 ? config.partitions() : jsc.defaultParallelism()));
      jsc.setCallSite("eval: confusion matrix per partition, merged by addition");
      PartialEvaluation total =
          matched.pairs().isEmpty()
              ? new PartialEvaluation(n)
              : jsc.parallelize(matched.pairs(), partitions)
                  .mapPartitions(
                      it ->
                          List.of(PartialEvaluation.ofPartition(it, evaluation, n, conf))
                              .iterator())
                  .treeReduce(PartialEvaluation::merge);

      SegmentationMetrics metrics = SegmentationMetrics.of(total.matrix(), classes);
      List<ErrorRecord> errors = new ArrayList<>(matched.errors());
      errors.addAll(total.errors());
      var json = EvalReport.json(metrics, options, runId, total.images(), errors.size());
      EvalReport.write(spark, metrics, total.matrix(), json, options.out(), runId);
      jsc.setCallSite("eval: write the errors table");
      TableWriter.overwrite(
          spark,
          errors.stream().map(e -> e.toRow(runId)).toList(),
          Tables.ERRORS,
          TableWriter.errorsPath(options.out(), NAME),
          1);

      double seconds = (System.nanoTime() - start) / 1e9;
      long inputs = matched.groundTruthFiles() + countUnmatchedPredictions(errors);
      double rate = ErrorPolicy.errorRate(errors.size(), inputs);
      boolean failed = ErrorPolicy.failed(rate, config.maxErrorRate());
      Map<String, Long> byStage = new TreeMap<>();
      errors.forEach(e -> byStage.merge(e.stage(), 1L, Long::sum));
      RunSummary summary =
          new RunSummary(NAME, runId)
              .status(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, rate, config.maxErrorRate())
              .count("ground_truth_maps", matched.groundTruthFiles())
              .count("images_evaluated", total.images())
              .count("pixels", metrics.pixels())
              .count("classes", n)
              .count("errors", errors.size())
              .errorsByStage(byStage)
              .timing(seconds, total.images())
              .stages(progress.completedStages())
              .config(SparkSessions.useProperties(spark))
              .options(options.asMap());
      summary.json().set("metrics", json.deepCopy().without("per_class"));
      HadoopFiles.writeString(summaryPath(options.out()), summary.toJson(), hadoop);
      LOG.info(
          "[eval] {}: mIoU {} over {} classes, pixel accuracy {}, {} images, {} errors in {} s",
          summary.status(),
          metrics.miou(),
          metrics.classesEvaluated(),
          metrics.pixelAccuracy(),
          total.images(),
          errors.size(),
          String.format("%.1f", seconds));
      return new EvalResult(
          metrics, total.matrix(), total.images(), errors.size(), seconds, summary);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      jsc.clearCallSite();
      jsc.clearJobGroup();
    }
  }

  /** Where the run summary of a run into {@code out} is written. */
  public static String summaryPath(String out) {
    return (out.endsWith("/") ? out : out + "/") + NAME + ".run-summary.json";
  }

  /** Where {@code metrics.json} of a run into {@code out} is written. */
  public static String metricsPath(String out) {
    return EvalReport.root(out) + "/metrics.json";
  }

  private static long countUnmatchedPredictions(List<ErrorRecord> errors) {
    return errors.stream().filter(e -> e.errorClass().equals("GroundTruthMissing")).count();
  }

  private static ClassList readClasses(String uri, Configuration hadoop) {
    try (InputStream in = HadoopFiles.open(uri, hadoop, "--classes")) {
      return ClassList.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), uri);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --classes " + uri + ": " + e.getMessage(), e);
    }
  }
}
