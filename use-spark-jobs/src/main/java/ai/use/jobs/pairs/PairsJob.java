package ai.use.jobs.pairs;

import ai.use.common.coco.CocoDataset;
import ai.use.common.coco.CocoReader;
import ai.use.common.config.CoreConfig;
import ai.use.common.id.StableIds;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.table.Tables;
import ai.use.jobs.images.ImageListing;
import ai.use.jobs.images.ListedImage;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pairs job. {@code --source ground-truth} (this class): images (Spark's binaryFile source,
 * recursive, glob filter) + COCO-style instances → the {@code pairs} table, the {@code errors}
 * table and a run summary. {@code --source annotations}: the model pipeline, {@link ModelPairsJob}.
 *
 * <p>Files binaryFile drops silently (0 bytes, over {@code spark.use.image.maxBytes}, unreadable)
 * are found by listing the root through Hadoop's FileSystem and become errors rows; so do annotated
 * images with no file, corrupt images, size mismatches and bad annotations. Outputs are written in
 * overwrite mode, so a rerun replaces them.
 */
public final class PairsJob {
  private static final Logger LOG = LoggerFactory.getLogger(PairsJob.class);

  /** Job name: errors partition, summary file name, Spark job group. */
  public static final String NAME = "pairs";

  private PairsJob() {}

  /** Runs the job on {@code spark}; validates config before any Spark action. */
  public static PairsResult run(SparkSession spark, PairsOptions options) {
    CoreConfig config = CoreConfig.from(SparkSessions.useProperties(spark));
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobGroup(
        "use-" + NAME + "-" + runId,
        "USE pairs (" + options.source() + ") " + options.images(),
        false);
    ProgressListener progress = new ProgressListener(NAME, 5_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      return options.usesModels()
          ? ModelPairsJob.execute(spark, jsc, options, config, runId, start, progress)
          : execute(spark, jsc, options, config, runId, start, progress);
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      jsc.clearCallSite();
      jsc.clearJobGroup();
    }
  }

  private static PairsResult execute(
      SparkSession spark,
      JavaSparkContext jsc,
      PairsOptions options,
      CoreConfig config,
      String runId,
      long start,
      ProgressListener progress) {
    Configuration hadoop = jsc.hadoopConfiguration();
    GroundTruthIndex index = readIndex(options, hadoop);
    List<ListedImage> listed = ImageListing.list(options.images(), config.imageGlob(), hadoop);
    LOG.info(
        "[pairs] {} image files under {}, {} annotated images with {} annotations",
        listed.size(),
        options.images(),
        index.all().size(),
        index.annotationCount());

    List<ErrorRecord> driverErrors = new ArrayList<>();
    Set<String> readable = new HashSet<>();
    Set<String> listedNames = new HashSet<>();
    for (ListedImage image : listed) {
      listedNames.add(image.relativePath());
      AnnotatedImage annotated = index.get(image.relativePath());
      if (image.length() == 0) {
        driverErrors.add(readError(image, "EmptyFile", "the file is empty (0 bytes)", annotated));
      } else if (image.length() > config.imageMaxBytes()) {
        driverErrors.add(
            readError(
                image,
                "FileTooLarge",
                "the file has "
                    + image.length()
                    + " bytes, more than spark.use.image.maxBytes = "
                    + config.imageMaxBytes()
                    + "; raise the limit or shrink the image",
                annotated));
      } else {
        readable.add(image.uri());
      }
    }
    for (AnnotatedImage annotated : index.all().values()) {
      if (!listedNames.contains(annotated.image().fileName())) {
        driverErrors.add(
            new ErrorRecord(
                null,
                options.instances(),
                "match",
                annotated.image().fileName(),
                "ImageNotFound",
                "image "
                    + annotated.image().id()
                    + " ("
                    + annotated.image().fileName()
                    + ") has no file under "
                    + options.images()
                    + " matching spark.use.image.glob; its "
                    + annotated.segments().size()
                    + " annotations were not written"));
      }
    }

    Broadcast<GroundTruthIndex> indexBroadcast = jsc.broadcast(index);
    String root = rootPrefix(listed);
    ImageLimits limits = new ImageLimits(config.imageMaxPixels(), config.imageMaxBytes());
    ExifPolicy exif = config.applyExif() ? ExifPolicy.APPLY : ExifPolicy.IGNORE;

    Dataset<Row> files = imageFiles(spark, config, options.images());

    JavaRDD<ImageOutcome> outcomes =
        files
            .javaRDD()
            .mapPartitions(
                rows -> {
                  GroundTruthAnnotator annotator =
                      new GroundTruthAnnotator(new ImageDecoder(limits), exif, runId);
                  GroundTruthIndex idx = indexBroadcast.value();
                  List<ImageOutcome> out = new ArrayList<>();
                  while (rows.hasNext()) {
                    Row row = rows.next();
                    String uri = row.getString(row.fieldIndex("path"));
                    String relative = uri.startsWith(root) ? uri.substring(root.length()) : uri;
                    AnnotatedImage annotated = idx.get(relative);
                    if (annotated == null) {
                      continue; // an unannotated image: nothing to pair (counted on the driver)
                    }
                    byte[] content = row.getAs("content");
                    out.add(annotator.annotate(uri, content, annotated));
                  }
                  return out.iterator();
                })
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      JavaRDD<Row> pairRows = outcomes.flatMap(o -> o.pairs().iterator());
      jsc.setCallSite("pairs: read, decode and annotate images; write the pairs table");
      TableWriter.overwrite(
          spark, pairRows, Tables.PAIRS, TableWriter.tablePath(options.out(), Tables.PAIRS));

      jsc.setCallSite("pairs: collect errors and counts");
      List<ErrorRecord> executorErrors = outcomes.flatMap(o -> o.errors().iterator()).collect();
      List<ErrorRecord> errors = new ArrayList<>(driverErrors);
      errors.addAll(executorErrors);
      Set<String> processed = new HashSet<>(outcomes.map(ImageOutcome::uri).collect());
      for (ListedImage image : listed) {
        if (readable.contains(image.uri())
            && index.get(image.relativePath()) != null
            && !processed.contains(image.uri())) {
          errors.add(
              readError(
                  image,
                  "NotRead",
                  "the file was listed but Spark's binaryFile source returned no content for it"
                      + " (deleted, unreadable, or over spark.sql.sources.binaryFile.maxLength)",
                  index.get(image.relativePath())));
        }
      }
      long pairs = outcomes.map(o -> (long) o.pairs().size()).fold(0L, Long::sum);
      List<Row> errorRows = errors.stream().map(e -> e.toRow(runId)).toList();
      jsc.setCallSite("pairs: write the errors table");
      TableWriter.overwrite(
          spark, errorRows, Tables.ERRORS, TableWriter.errorsPath(options.out(), NAME), 1);

      long unannotated = listed.stream().filter(i -> index.get(i.relativePath()) == null).count();
      double seconds = (System.nanoTime() - start) / 1e9;
      long inputs = listed.size() + index.annotationCount();
      double rate = ErrorPolicy.errorRate(errors.size(), inputs);
      boolean failed = ErrorPolicy.failed(rate, config.maxErrorRate());
      Map<String, Long> byStage = new TreeMap<>();
      errors.forEach(e -> byStage.merge(e.stage(), 1L, Long::sum));
      RunSummary summary =
          new RunSummary(NAME, runId)
              .status(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, rate, config.maxErrorRate())
              .count("images_listed", listed.size())
              .count("images_unannotated", unannotated)
              .count("annotated_images", index.all().size())
              .count("annotations", index.annotationCount())
              .count("pairs", pairs)
              .count("errors", errors.size())
              .errorsByStage(byStage)
              .timing(seconds, listed.size())
              .stages(progress.completedStages())
              .config(SparkSessions.useProperties(spark))
              .options(options.asMap());
      HadoopFiles.writeString(summaryPath(options.out()), summary.toJson(), hadoop);
      LOG.info(
          "[pairs] {}: {} pairs, {} errors ({} by stage) from {} images in {} s",
          summary.status(),
          pairs,
          errors.size(),
          byStage,
          listed.size(),
          String.format("%.1f", seconds));
      return new PairsResult(
          pairs, errors.size(), listed.size(), index.annotationCount(), seconds, summary);
    } finally {
      outcomes.unpersist(false);
      indexBroadcast.destroy();
    }
  }

  /** Where the run summary of a run into {@code out} is written. */
  public static String summaryPath(String out) {
    return (out.endsWith("/") ? out : out + "/") + NAME + ".run-summary.json";
  }

  private static GroundTruthIndex readIndex(PairsOptions options, Configuration hadoop) {
    try {
      CocoDataset dataset;
      try (InputStream in = HadoopFiles.open(options.instances(), hadoop, "--instances")) {
        dataset = CocoReader.readInstances(in, options.instances());
      }
      Map<Long, List<String>> phrases = Map.of();
      if (options.captions() != null) {
        try (InputStream in = HadoopFiles.open(options.captions(), hadoop, "--captions")) {
          phrases = CocoReader.readCaptionPhrases(in, options.captions());
        }
      }
      return GroundTruthIndex.of(dataset, phrases);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read annotations: " + e.getMessage(), e);
    }
  }

  static ErrorRecord readError(
      ListedImage image, String kind, String message, AnnotatedImage annotated) {
    int n = annotated == null ? 0 : annotated.segments().size();
    return new ErrorRecord(
        StableIds.imageId(image.uri()),
        image.uri(),
        "read",
        "image",
        kind,
        message + (n == 0 ? "" : " (" + n + " annotations of this image were not written)"));
  }

  /**
   * The image files under {@code images} as Spark's {@code binaryFile} rows (recursive, glob
   * filtered, empty and oversized files left to the listing's reconciliation), hash-partitioned by
   * path into {@code spark.use.partitions} (default: the default parallelism).
   */
  static Dataset<Row> imageFiles(SparkSession spark, CoreConfig config, String images) {
    Dataset<Row> files =
        spark
            .read()
            .format("binaryFile")
            .option("recursiveFileLookup", "true")
            .option("pathGlobFilter", config.imageGlob())
            .load(images)
            .filter(
                functions
                    .col("length")
                    .gt(0)
                    .and(functions.col("length").leq(config.imageMaxBytes())));
    int partitions =
        config.partitions() > 0 ? config.partitions() : spark.sparkContext().defaultParallelism();
    return files.repartition(partitions, functions.col("path"));
  }

  /** The qualified root every listed URI starts with (binaryFile reports URIs in the same form). */
  static String rootPrefix(List<ListedImage> listed) {
    if (listed.isEmpty()) {
      return "";
    }
    ListedImage first = listed.get(0);
    return first.uri().substring(0, first.uri().length() - first.relativePath().length());
  }
}
