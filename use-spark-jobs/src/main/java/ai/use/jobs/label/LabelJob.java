package ai.use.jobs.label;

import ai.use.common.config.CoreConfig;
import ai.use.common.config.ModelKeys;
import ai.use.common.id.StableIds;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageLimits;
import ai.use.common.table.Tables;
import ai.use.jobs.images.ImageListing;
import ai.use.jobs.images.ListedImage;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.ErrorPolicy;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.jobs.tables.TableWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code label}: one night of incremental, idempotent corpus labeling (DESIGN.md §8).
 *
 * <p>On the driver, before any Spark action: the config, the model files and their content hashes
 * ({@code model_version}), the vocabulary's text embeddings (once per run), the image listing and
 * the manifest's skip rule. The images left to do are spread over tasks ({@link ImageLabeler});
 * only their bytes are read. The run then replaces exactly its night's static paths: {@code
 * segments/run_date=D}, {@code label_manifest/run_date=D}, {@code
 * segment_labels/vocab_id=V/run_date=D} and {@code errors/job=label/run_date=D}. A run whose error
 * rate exceeds {@code spark.use.maxErrorRate} still writes its tables (its error rows make the next
 * run retry those images) and ends {@code failed}.
 */
public final class LabelJob {
  private static final Logger LOG = LoggerFactory.getLogger(LabelJob.class);

  /** Job name: errors partition, summary file name, Spark job group. */
  public static final String NAME = "label";

  private LabelJob() {}

  /** Runs a label (or, with {@code options.relabel()}, a relabel) run on {@code spark}. */
  public static LabelResult run(SparkSession spark, LabelOptions options) {
    Map<String, String> conf = SparkSessions.useProperties(spark);
    CoreConfig config = CoreConfig.from(conf);
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String what = options.relabel() ? "relabel" : NAME;
    jsc.setJobGroup(
        "use-" + what + "-" + runId,
        "USE " + what + " " + options.runDate() + " " + options.out(),
        false);
    ProgressListener progress = new ProgressListener(what, 5_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      return options.relabel()
          ? Relabel.execute(spark, jsc, options, conf, config, runId, progress)
          : execute(spark, jsc, options, conf, config, runId, progress);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      jsc.clearCallSite();
      jsc.clearJobGroup();
    }
  }

  private static LabelResult execute(
      SparkSession spark,
      JavaSparkContext jsc,
      LabelOptions options,
      Map<String, String> conf,
      CoreConfig config,
      String runId,
      ProgressListener progress) {
    long start = System.nanoTime();
    Configuration hadoop = jsc.hadoopConfiguration();
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(hadoop, System.getProperty("java.io.tmpdir"));
    LabelModels models = LabelModels.resolve(conf, options, fetcher);
    LabelVocabulary vocabulary =
        options.vocab() == null ? null : LabelVocabulary.load(options, conf, hadoop, fetcher);
    List<ListedImage> listed = ImageListing.list(options.images(), config.imageGlob(), hadoop);
    Set<String> skip =
        LabelManifest.skipKeys(spark, options.out(), options.runDate(), models.modelVersion());

    List<ListedImage> todo = new ArrayList<>();
    List<Row> driverManifest = new ArrayList<>();
    List<ErrorRecord> driverErrors = new ArrayList<>();
    long skipped = 0;
    for (ListedImage image : listed) {
      String imageId = StableIds.imageId(image.uri());
      if (skip.contains(LabelManifest.key(imageId, image.length(), image.modificationTime()))) {
        skipped++;
      } else if (image.length() == 0 || image.length() > config.imageMaxBytes()) {
        String message =
            image.length() == 0
                ? "the file is empty (0 bytes)"
                : "the file has "
                    + image.length()
                    + " bytes, more than spark.use.image.maxBytes = "
                    + config.imageMaxBytes()
                    + "; raise the limit or shrink the image";
        driverErrors.add(
            new ErrorRecord(
                imageId,
                image.uri(),
                "read",
                "image",
                image.length() == 0 ? "EmptyFile" : "FileTooLarge",
                message));
        driverManifest.add(
            LabelRows.manifest(
                imageId,
                image.uri(),
                image.length(),
                image.modificationTime(),
                models.modelVersion(),
                ImageStatus.ERROR,
                0,
                runId));
      } else {
        todo.add(image);
      }
    }
    LOG.info(
        "[label] run_date {}: {} images listed under {}, {} skipped (unchanged, model_version {}),"
            + " {} to label",
        options.runDate(),
        listed.size(),
        options.images(),
        skipped,
        models.modelVersion(),
        todo.size());

    ImageLabeler labeler =
        new ImageLabeler(
            models,
            options.amg(),
            vocabulary,
            options.semanticMaps(),
            options.out(),
            runId,
            new ImageLimits(config.imageMaxPixels(), config.imageMaxBytes()),
            config.applyExif() ? ExifPolicy.APPLY : ExifPolicy.IGNORE,
            ModelKeys.BATCH_SIZE.read(conf),
            new SerializableConfiguration(hadoop));
    int partitions = config.partitions() > 0 ? config.partitions() : jsc.defaultParallelism();
    JavaRDD<LabelOutcome> outcomes =
        jsc.parallelize(todo, Math.max(1, Math.min(partitions, todo.size())))
            .mapPartitions(labeler::labelAll)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long computeStart = System.nanoTime();
      jsc.setCallSite("label: read, decode, SAM masks, backbones, embeddings of new images");
      outcomes.count();
      double computeSeconds = (System.nanoTime() - computeStart) / 1e9;

      long writeStart = System.nanoTime();
      String out = options.out();
      jsc.setCallSite("label: write segments/run_date=" + options.runDate());
      TableWriter.overwrite(
          spark,
          outcomes.flatMap(o -> o.segments().iterator()),
          Tables.SEGMENTS,
          LabelPaths.segments(out, options.runDate()));
      jsc.setCallSite("label: write label_manifest/run_date=" + options.runDate());
      TableWriter.overwrite(
          spark,
          outcomes.map(LabelOutcome::manifest).union(jsc.parallelize(driverManifest, 1)),
          Tables.LABEL_MANIFEST,
          LabelPaths.manifest(out, options.runDate()));
      if (vocabulary != null) {
        jsc.setCallSite("label: write segment_labels/vocab_id=" + vocabulary.vocabId());
        TableWriter.overwrite(
            spark,
            outcomes.flatMap(o -> o.labels().iterator()),
            Tables.SEGMENT_LABELS,
            LabelPaths.labels(out, vocabulary.vocabId(), options.runDate()));
        if (options.semanticMaps()) {
          HadoopFiles.writeString(
              LabelPaths.semanticMaps(out, vocabulary.vocabId()) + "/classes.txt",
              vocabulary.classesText(),
              hadoop);
        }
      }
      List<ErrorRecord> errors = new ArrayList<>(driverErrors);
      errors.addAll(outcomes.flatMap(o -> o.errors().iterator()).collect());
      jsc.setCallSite("label: write errors/job=label/run_date=" + options.runDate());
      TableWriter.overwrite(
          spark,
          errors.stream().map(e -> e.toRow(runId)).toList(),
          Tables.ERRORS,
          LabelPaths.errors(out, options.runDate()),
          1);
      double writeSeconds = (System.nanoTime() - writeStart) / 1e9;

      jsc.setCallSite("label: counts and stage times of the night");
      Map<String, Long> statuses =
          new TreeMap<>(outcomes.map(o -> o.manifest().getString(6)).countByValue());
      driverManifest.forEach(r -> statuses.merge(r.getString(6), 1L, Long::sum));
      long segments = outcomes.map(o -> (long) o.segments().size()).fold(0L, Long::sum);
      long labels = outcomes.map(o -> (long) o.labels().size()).fold(0L, Long::sum);
      StageNanos nanos = outcomes.map(LabelOutcome::nanos).fold(new StageNanos(), StageNanos::plus);
      long processed = todo.size() + driverManifest.size();
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = ErrorPolicy.errorRate(errors.size(), processed);
      boolean failed = ErrorPolicy.failed(rate, config.maxErrorRate());
      Map<String, Long> byStage = new TreeMap<>();
      errors.forEach(e -> byStage.merge(e.stage(), 1L, Long::sum));
      RunSummary summary =
          new RunSummary(NAME, runId)
              .status(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, rate, config.maxErrorRate())
              .count("images_listed", listed.size())
              .count("images_skipped", skipped)
              .count("images_processed", processed)
              .count("images_labeled", statuses.getOrDefault(ImageStatus.LABELED.label(), 0L))
              .count(
                  "images_no_segments", statuses.getOrDefault(ImageStatus.NO_SEGMENTS.label(), 0L))
              .count("images_error", statuses.getOrDefault(ImageStatus.ERROR.label(), 0L))
              .count("segments", segments)
              .count("labels", labels)
              .count("errors", errors.size())
              .errorsByStage(byStage)
              .timing(seconds, processed)
              .stages(progress.completedStages())
              .config(conf)
              .options(options.asMap());
      ObjectNode json = summary.json();
      json.put("run_date", options.runDate().toString());
      json.put("model_version", models.modelVersion());
      models.versionParts().forEach(json.putObject("model_version_parts")::put);
      if (vocabulary != null) {
        json.put("vocab_id", vocabulary.vocabId());
      }
      ObjectNode stages = json.putObject("stage_seconds");
      nanos.seconds().forEach(stages::put);
      stages.put("write", writeSeconds);
      json.put("compute_wall_seconds", computeSeconds);
      HadoopFiles.writeString(LabelPaths.summary(out), summary.toJson(), hadoop);
      HadoopFiles.writeString(LabelPaths.summary(out, options.runDate()), summary.toJson(), hadoop);
      LOG.info(
          "[label] {}: run_date {}, {} images processed ({} skipped), {} segments, {} errors in {}"
              + " s",
          summary.status(),
          options.runDate(),
          processed,
          skipped,
          segments,
          errors.size(),
          String.format("%.1f", seconds));
      return new LabelResult(
          models.modelVersion(),
          vocabulary == null ? null : vocabulary.vocabId(),
          listed.size(),
          skipped,
          processed,
          segments,
          labels,
          errors.size(),
          seconds,
          summary);
    } finally {
      outcomes.unpersist(false);
    }
  }
}
