package ai.use.jobs.features;

import ai.use.common.config.CoreConfig;
import ai.use.common.config.ModelKeys;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.table.Tables;
import ai.use.jobs.gpu.TaskDevices;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.ErrorPolicy;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.runtime.TaskThreads;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.jobs.tables.TableWriter;
import ai.use.model.head.FeaturePooling;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.vit.VitEncoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code features}: the pairs table → the {@code features} table (per pair: each backbone's
 * normalized block tokens pooled with the pair's patch weights on its own grid, and both normalized
 * CLS tokens, fp32), the {@code texts} table (the frozen CLIP text embedding of every distinct text
 * and alt text, each embedded once per run), the {@code errors} table and a run summary.
 *
 * <p>Pairs are grouped by image ({@code repartition(image_uri)} + sort), so each image is read,
 * decoded and run through {@code clip-image} and {@code dinov2} once however many pairs it has. An
 * unreadable image, or a mask that gives the model input no weight, becomes an errors row.
 */
public final class FeaturesJob {
  private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);

  /** Job name: errors partition, summary file name, Spark job group. */
  public static final String NAME = "features";

  private FeaturesJob() {}

  /** Runs the job on {@code spark}; validates config and inputs before any Spark action. */
  public static FeaturesResult run(SparkSession spark, FeaturesOptions options) {
    Map<String, String> props = SparkSessions.useProperties(spark);
    CoreConfig config = CoreConfig.from(props);
    ModelSpec clipImage = new ModelSpec(ModelRole.CLIP_IMAGE, ModelKeys.CLIP_IMAGE.read(props));
    ModelSpec dinov2 = new ModelSpec(ModelRole.DINOV2, ModelKeys.DINOV2.read(props));
    ModelSpec clipText = new ModelSpec(ModelRole.CLIP_TEXT, ModelKeys.CLIP_TEXT.read(props));
    int batch = ModelKeys.BATCH_SIZE.read(props);
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobGroup("use-" + NAME + "-" + runId, "USE features " + options.pairs(), false);
    ProgressListener progress = new ProgressListener(NAME, 5_000);
    spark.sparkContext().addSparkListener(progress);
    try {
      Configuration hadoop = jsc.hadoopConfiguration();
      HadoopModelFetcher fetcher =
          new HadoopModelFetcher(hadoop, System.getProperty("java.io.tmpdir"));
      String featureVersion = ModelFiles.contentHash(fetcher, clipImage, dinov2);
      String textModel = ModelFiles.contentHash(fetcher, clipText);
      Dataset<Row> pairs = readPairs(spark, options.pairs(), hadoop);
      Job job =
          new Job(
              spark,
              jsc,
              options,
              config,
              clipImage,
              dinov2,
              clipText,
              batch,
              fetcher,
              featureVersion,
              textModel,
              runId,
              start,
              progress);
      return job.execute(pairs, props);
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

  private static Dataset<Row> readPairs(SparkSession spark, String uri, Configuration hadoop) {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
    try {
      if (!path.getFileSystem(hadoop).exists(path)) {
        throw new IllegalArgumentException(
            "--pairs "
                + uri
                + " does not exist"
                + HadoopFiles.where(path, hadoop)
                + "; give the pairs table written by `use pairs` (OUT/pairs)");
      }
    } catch (java.io.IOException e) {
      throw HadoopFiles.accessFailure("read --pairs", uri, e, hadoop);
    }
    Dataset<Row> pairs = spark.read().parquet(uri);
    List<String> have = Arrays.asList(pairs.columns());
    for (String column : PairInput.COLUMNS) {
      if (!have.contains(column)) {
        throw new IllegalArgumentException(
            "--pairs "
                + uri
                + " has no column "
                + column
                + " (columns: "
                + have
                + "); it is not a pairs table written by `use pairs`");
      }
    }
    return pairs.select(
        Arrays.stream(PairInput.COLUMNS)
            .map(functions::col)
            .toArray(org.apache.spark.sql.Column[]::new));
  }

  /** One run's settings and state. */
  private record Job(
      SparkSession spark,
      JavaSparkContext jsc,
      FeaturesOptions options,
      CoreConfig config,
      ModelSpec clipImage,
      ModelSpec dinov2,
      ModelSpec clipText,
      int batch,
      HadoopModelFetcher fetcher,
      String featureVersion,
      String textModel,
      String runId,
      long start,
      ProgressListener progress) {

    FeaturesResult execute(Dataset<Row> pairs, Map<String, String> props) {
      int partitions = config.partitions() > 0 ? config.partitions() : jsc.defaultParallelism();
      JavaRDD<ImageOutcome> outcomes =
          featurize(
                  pairs
                      .repartition(partitions, functions.col("image_uri"))
                      .sortWithinPartitions("image_uri", "pair_id")
                      .javaRDD()
                      .map(PairInput::of))
              .persist(StorageLevel.MEMORY_AND_DISK());
      try {
        jsc.setCallSite("features: decode images, run the backbones, pool; write features");
        TableWriter.overwrite(
            spark,
            outcomes.flatMap(o -> o.features().iterator()),
            Tables.FEATURES,
            TableWriter.tablePath(options.out(), Tables.FEATURES));

        jsc.setCallSite("features: embed every distinct text once; write texts");
        JavaRDD<String> distinct =
            pairs
                .select(
                    functions.explode(
                        functions.array_union(
                            functions.array(functions.col("text")), functions.col("alt_texts"))))
                .distinct()
                .javaRDD()
                .map(r -> r.getString(0))
                .filter(t -> t != null && !t.isBlank());
        TableWriter.overwrite(
            spark,
            TextEmbedding.rows(distinct, clipText, fetcher, batch, textModel, runId),
            Tables.TEXTS,
            TableWriter.tablePath(options.out(), Tables.TEXTS));

        jsc.setCallSite("features: collect errors and counts");
        List<ErrorRecord> errors = outcomes.flatMap(o -> o.errors().iterator()).collect();
        long pairCount = outcomes.map(o -> (long) o.pairs()).fold(0L, Long::sum);
        long featureRows = outcomes.map(o -> (long) o.features().size()).fold(0L, Long::sum);
        long images = outcomes.count();
        long textRows =
            spark.read().parquet(TableWriter.tablePath(options.out(), Tables.TEXTS)).count();
        TableWriter.overwrite(
            spark,
            errors.stream().map(e -> e.toRow(runId)).toList(),
            Tables.ERRORS,
            TableWriter.errorsPath(options.out(), NAME),
            1);
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = ErrorPolicy.errorRate(errors.size(), Math.max(1, pairCount));
        boolean failed = ErrorPolicy.failed(rate, config.maxErrorRate());
        Map<String, Long> byStage = new TreeMap<>();
        errors.forEach(e -> byStage.merge(e.stage(), 1L, Long::sum));
        RunSummary summary =
            new RunSummary(NAME, runId)
                .status(
                    failed ? RunStatus.FAILED : RunStatus.SUCCEEDED, rate, config.maxErrorRate())
                .count("pairs", pairCount)
                .count("features", featureRows)
                .count("texts", textRows)
                .count("images", images)
                .count("errors", errors.size())
                .errorsByStage(byStage)
                .timing(seconds, images)
                .stages(progress.completedStages())
                .config(props)
                .options(options.asMap());
        HadoopFiles.writeString(
            summaryPath(options.out()), summary.toJson(), jsc.hadoopConfiguration());
        LOG.info(
            "[features] {}: {} feature rows of {} pairs from {} images, {} distinct texts, {}"
                + " errors ({}) in {} s (feature_version {}, text_model {})",
            summary.status(),
            featureRows,
            pairCount,
            images,
            textRows,
            errors.size(),
            byStage,
            String.format("%.1f", seconds),
            featureVersion,
            textModel);
        return new FeaturesResult(
            pairCount, featureRows, textRows, images, errors.size(), seconds, summary);
      } finally {
        outcomes.unpersist(false);
      }
    }

    /** Per partition: consecutive pairs of one image form a group; groups go in batches. */
    private JavaRDD<ImageOutcome> featurize(JavaRDD<PairInput> sorted) {
      ModelSpec clipSpec = clipImage;
      ModelSpec dinoSpec = dinov2;
      HadoopModelFetcher models = fetcher;
      int batchSize = batch;
      ImageLimits limits = new ImageLimits(config.imageMaxPixels(), config.imageMaxBytes());
      ExifPolicy exif = config.applyExif() ? ExifPolicy.APPLY : ExifPolicy.IGNORE;
      SerializableConfiguration hadoop = new SerializableConfiguration(jsc.hadoopConfiguration());
      String version = featureVersion;
      String id = runId;
      return sorted.mapPartitions(
          rows -> {
            List<ImageOutcome> out = new ArrayList<>();
            if (!rows.hasNext()) {
              return out.iterator();
            }
            TaskThreads.matchTaskCpus();
            LoadedModel clipModel = ModelCache.get(clipSpec, TaskDevices.current(), models);
            LoadedModel dinoModel = ModelCache.get(dinoSpec, TaskDevices.current(), models);
            try (VitEncoder clip = new VitEncoder(clipModel, batchSize);
                VitEncoder dino = new VitEncoder(dinoModel, batchSize)) {
              ImageFeaturizer featurizer =
                  new ImageFeaturizer(
                      clip,
                      FeaturePooling.forBackbone(clipModel.sidecar()),
                      dino,
                      FeaturePooling.forBackbone(dinoModel.sidecar()),
                      new ImageDecoder(limits),
                      exif,
                      hadoop.get(),
                      version,
                      id);
              List<List<PairInput>> batchOfImages = new ArrayList<>();
              List<PairInput> current = new ArrayList<>();
              while (rows.hasNext()) {
                PairInput p = rows.next();
                if (!current.isEmpty() && !current.get(0).imageUri().equals(p.imageUri())) {
                  batchOfImages.add(current);
                  current = new ArrayList<>();
                  if (batchOfImages.size() == batchSize) {
                    out.addAll(featurizer.featurize(batchOfImages));
                    batchOfImages = new ArrayList<>();
                  }
                }
                current.add(p);
              }
              batchOfImages.add(current);
              out.addAll(featurizer.featurize(batchOfImages));
            }
            return out.iterator();
          });
    }
  }
}
