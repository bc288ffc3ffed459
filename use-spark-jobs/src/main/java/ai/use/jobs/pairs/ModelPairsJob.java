package ai.use.jobs.pairs;

import ai.use.common.config.CoreConfig;
import ai.use.common.id.StableIds;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageLimits;
import ai.use.common.table.Tables;
import ai.use.jobs.captions.Caption;
import ai.use.jobs.captions.CaptionFormat;
import ai.use.jobs.captions.CaptionIndex;
import ai.use.jobs.captions.CaptionSources;
import ai.use.jobs.captions.vlm.VlmSettings;
import ai.use.jobs.images.ImageListing;
import ai.use.jobs.images.ListedImage;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.ErrorPolicy;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.jobs.tables.TableWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pairs --source annotations|vlm}: images + captions → phrases → grounding boxes → SAM masks
 * → mask NMS → segment–text pairs, as narrow {@code mapPartitions} stages ({@link DecodeStage},
 * {@link PhraseStage}, {@link GroundingStage}, {@link MaskStage}, {@link PairStage}) pipelined in
 * each task, with models from the per-JVM cache. Writes {@code pairs}, {@code pair_spans}, the
 * errors partition and a run summary with counts per stage; every output is replaced by a rerun.
 */
final class ModelPairsJob {
  private static final Logger LOG = LoggerFactory.getLogger(ModelPairsJob.class);

  private ModelPairsJob() {}

  static PairsResult execute(
      SparkSession spark,
      JavaSparkContext jsc,
      PairsOptions options,
      CoreConfig core,
      String runId,
      long start,
      ProgressListener progress) {
    PairsConfig config = PairsConfig.from(SparkSessions.useProperties(spark));
    boolean vlm = options.source().equals(PairsOptions.VLM);
    VlmSettings vlmSettings =
        vlm
            ? VlmSettings.from(SparkSessions.useProperties(spark), jsc.hadoopConfiguration())
            : null;
    CaptionIndex captions =
        vlm
            ? new CaptionIndex(Map.of(), "vlm")
            : CaptionSources.read(
                spark, options.captions(), CaptionFormat.of(options.captionsFormat()));
    List<ListedImage> listed =
        ImageListing.list(options.images(), core.imageGlob(), jsc.hadoopConfiguration());
    LOG.info(
        "[pairs] {} image files under {}, {} captioned images with {} captions in {}",
        listed.size(),
        options.images(),
        captions.images(),
        captions.captions(),
        options.captions());

    List<ErrorRecord> driverErrors = new ArrayList<>();
    Set<String> readable = new HashSet<>();
    Set<String> listedKeys = new HashSet<>();
    long captioned = 0;
    for (ListedImage image : listed) {
      listedKeys.addAll(CaptionIndex.keys(image.uri(), image.relativePath()));
      boolean has = vlm || captions.has(image.uri(), image.relativePath());
      captioned += has ? 1 : 0;
      if (image.length() == 0) {
        driverErrors.add(readError(image, "EmptyFile", "the file is empty (0 bytes)"));
      } else if (image.length() > core.imageMaxBytes()) {
        driverErrors.add(
            readError(
                image,
                "FileTooLarge",
                "the file has "
                    + image.length()
                    + " bytes, more than spark.use.image.maxBytes = "
                    + core.imageMaxBytes()
                    + "; raise the limit or shrink the image"));
      } else if (has) {
        readable.add(image.uri());
      }
    }
    for (Map.Entry<String, List<Caption>> e : captions.all().entrySet()) {
      if (!listedKeys.contains(e.getKey())) {
        driverErrors.add(
            new ErrorRecord(
                null,
                options.captions(),
                "match",
                e.getKey(),
                "ImageNotFound",
                "captioned image "
                    + e.getKey()
                    + " has no file under "
                    + options.images()
                    + " matching spark.use.image.glob; its "
                    + e.getValue().size()
                    + " captions were not used"));
      }
    }

    Broadcast<CaptionIndex> index = jsc.broadcast(captions);
    String root = PairsJob.rootPrefix(listed);
    ImageLimits limits = new ImageLimits(core.imageMaxPixels(), core.imageMaxBytes());
    ExifPolicy exif = core.applyExif() ? ExifPolicy.APPLY : ExifPolicy.IGNORE;
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(jsc.hadoopConfiguration(), System.getProperty("java.io.tmpdir"));
    Dataset<Row> files = PairsJob.imageFiles(spark, core, options.images());

    JavaRDD<ImageWork> works =
        files
            .javaRDD()
            .mapPartitions(
                rows -> {
                  CaptionIndex idx = index.value();
                  List<ImageWork> out = new ArrayList<>();
                  while (rows.hasNext()) {
                    Row row = rows.next();
                    String uri = row.getString(row.fieldIndex("path"));
                    String relative = uri.startsWith(root) ? uri.substring(root.length()) : uri;
                    List<Caption> c = vlm ? List.of() : idx.lookup(uri, relative);
                    if (vlm || !c.isEmpty()) {
                      out.add(new ImageWork(uri, row.getAs("content"), c));
                    }
                  }
                  return out.iterator();
                });
    if (vlm) {
      works = works.mapPartitions(new VlmCaptionStage(vlmSettings));
    }
    JavaRDD<ModelOutcome> outcomes =
        works
            .mapPartitions(new DecodeStage(limits, exif))
            .mapPartitions(new PhraseStage())
            .mapPartitions(new GroundingStage(config, fetcher))
            .mapPartitions(new MaskStage(config, fetcher))
            .mapPartitions(new PairStage(config, options.source(), runId))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      jsc.setCallSite("pairs: captions -> phrases -> boxes -> masks; write the pairs table");
      TableWriter.overwrite(
          spark,
          outcomes.flatMap(o -> o.pairs().iterator()),
          Tables.PAIRS,
          TableWriter.tablePath(options.out(), Tables.PAIRS));
      jsc.setCallSite("pairs: write the pair_spans table");
      TableWriter.overwrite(
          spark,
          outcomes.flatMap(o -> o.spans().iterator()),
          PairSpans.SCHEMA,
          TableWriter.tablePath(options.out(), PairSpans.SCHEMA));

      jsc.setCallSite("pairs: collect errors and counts");
      List<ErrorRecord> errors = new ArrayList<>(driverErrors);
      errors.addAll(outcomes.flatMap(o -> o.errors().iterator()).collect());
      long[] counts =
          outcomes
              .map(ModelOutcome::counts)
              .fold(new long[PairsCount.values().length], ModelPairsJob::add);
      Set<String> processed = new HashSet<>(outcomes.map(ModelOutcome::uri).collect());
      for (ListedImage image : listed) {
        if (readable.contains(image.uri()) && !processed.contains(image.uri())) {
          errors.add(
              readError(
                  image,
                  "NotRead",
                  "the file was listed but Spark's binaryFile source returned no content for it"
                      + " (deleted, unreadable, or over spark.sql.sources.binaryFile.maxLength)"));
        }
      }
      jsc.setCallSite("pairs: write the errors table");
      TableWriter.overwrite(
          spark,
          errors.stream().map(e -> e.toRow(runId)).toList(),
          Tables.ERRORS,
          TableWriter.errorsPath(options.out(), PairsJob.NAME),
          1);
      return summarize(
          spark, options, core, runId, start, progress, listed, captioned, captions, counts,
          errors);
    } finally {
      outcomes.unpersist(false);
      index.destroy();
    }
  }

  private static PairsResult summarize(
      SparkSession spark,
      PairsOptions options,
      CoreConfig core,
      String runId,
      long start,
      ProgressListener progress,
      List<ListedImage> listed,
      long captioned,
      CaptionIndex captions,
      long[] counts,
      List<ErrorRecord> errors) {
    double seconds = (System.nanoTime() - start) / 1e9;
    long pairs = counts[PairsCount.PAIRS.ordinal()];
    long inputs = listed.size() + counts[PairsCount.PHRASES.ordinal()];
    // A phrase the grounder finds no box for is an expected outcome (reported, stage "ground"),
    // not a broken input: it does not count towards spark.use.maxErrorRate.
    long counted = errors.stream().filter(e -> !e.stage().equals(GroundingStage.STAGE)).count();
    double rate = ErrorPolicy.errorRate(counted, inputs);
    boolean failed = ErrorPolicy.failed(rate, core.maxErrorRate());
    Map<String, Long> byStage = new TreeMap<>();
    errors.forEach(e -> byStage.merge(e.stage(), 1L, Long::sum));
    RunSummary summary =
        new RunSummary(PairsJob.NAME, runId)
            .status(failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, rate, core.maxErrorRate())
            .count("images_listed", listed.size())
            .count("images_uncaptioned", listed.size() - captioned)
            .count("captioned_images", captions.images())
            .count("captions_in_source", captions.captions());
    for (PairsCount c : PairsCount.values()) {
      summary.count(c.label(), counts[c.ordinal()]);
    }
    long images = counts[PairsCount.IMAGES_READ.ordinal()];
    summary
        .count("errors", errors.size())
        .count("errors_counted_in_rate", counted)
        .errorsByStage(byStage)
        .timing(seconds, images)
        .stages(progress.completedStages())
        .config(SparkSessions.useProperties(spark))
        .options(options.asMap());
    summary.json().put("pairs_per_image", images == 0 ? 0 : (double) pairs / images);
    HadoopFiles.writeString(
        PairsJob.summaryPath(options.out()),
        summary.toJson(),
        spark.sparkContext().hadoopConfiguration());
    LOG.info(
        "[pairs] {}: {} pairs from {} captioned images ({} phrases, {} boxes, {} masks), {} errors"
            + " ({} by stage) in {} s",
        summary.status(),
        pairs,
        images,
        counts[PairsCount.PHRASES.ordinal()],
        counts[PairsCount.BOXES.ordinal()],
        counts[PairsCount.MASKS.ordinal()],
        errors.size(),
        byStage,
        String.format("%.1f", seconds));
    return new PairsResult(
        pairs, errors.size(), listed.size(), captions.captions(), seconds, summary);
  }

  private static long[] add(long[] a, long[] b) {
    long[] sum = a.clone();
    for (int i = 0; i < sum.length; i++) {
      sum[i] += b[i];
    }
    return sum;
  }

  private static ErrorRecord readError(ListedImage image, String kind, String message) {
    return new ErrorRecord(
        StableIds.imageId(image.uri()), image.uri(), "read", "image", kind, message);
  }
}
