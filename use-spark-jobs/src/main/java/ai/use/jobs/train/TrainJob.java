package ai.use.jobs.train;

import ai.use.common.config.ModelKeys;
import ai.use.jobs.features.ModelFiles;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.tables.TableWriter;
import ai.use.model.head.FeaturePooling;
import ai.use.model.head.HeadArtifact;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.UseHead;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.spec.Sidecar;
import ai.use.model.train.TrainingExample;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code train}: the features and texts tables → a trained USE head ({@code out/head}, a {@link
 * HeadArtifact} directory with a content-hash version id), the {@code train_metrics} table, the
 * checkpoints and a run summary, by round-based synchronous model averaging ({@link RoundDriver},
 * DESIGN.md §6).
 */
public final class TrainJob {
  private static final Logger LOG = LoggerFactory.getLogger(TrainJob.class);

  /** Job name: summary file name, Spark job group. */
  public static final String NAME = "train";

  /** Columns a features table must have. */
  static final String[] FEATURE_COLUMNS = {
    "pair_id",
    "granularity",
    "text",
    "alt_texts",
    "clip_blocks",
    "dino_blocks",
    "clip_cls",
    "dino_cls",
    "feature_version"
  };

  private TrainJob() {}

  /** Runs the job on {@code spark}; validates config and inputs before any training. */
  public static TrainResult run(SparkSession spark, TrainJobOptions options) {
    Map<String, String> props = SparkSessions.useProperties(spark);
    TrainConfig config = TrainConfig.from(props);
    ModelSpec clipImage = new ModelSpec(ModelRole.CLIP_IMAGE, ModelKeys.CLIP_IMAGE.read(props));
    ModelSpec dinov2 = new ModelSpec(ModelRole.DINOV2, ModelKeys.DINOV2.read(props));
    ModelSpec clipText = new ModelSpec(ModelRole.CLIP_TEXT, ModelKeys.CLIP_TEXT.read(props));
    int textBatch = ModelKeys.BATCH_SIZE.read(props);
    String runId =
        Instant.now().toString().replace(":", "")
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    long start = System.nanoTime();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    jsc.setJobGroup("use-" + NAME + "-" + runId, "USE train " + options.features(), false);
    ProgressListener progress = new ProgressListener(NAME, 30_000);
    spark.sparkContext().addSparkListener(progress);
    Configuration hadoop = jsc.hadoopConfiguration();
    try {
      HadoopModelFetcher fetcher =
          new HadoopModelFetcher(hadoop, System.getProperty("java.io.tmpdir"));
      Dataset<Row> features = readTable(spark, options.features(), "--features", FEATURE_COLUMNS);
      Dataset<Row> texts =
          readTable(spark, options.texts(), "--texts", new String[] {"text", "embedding"});
      checkFeatureVersion(features, ModelFiles.contentHash(fetcher, clipImage, dinov2), options);
      HeadConfig head = headConfig(features, texts, config, options);
      float clipEps = FeaturePooling.epsFor(sidecar(clipImage, fetcher));
      float dinoEps = FeaturePooling.epsFor(sidecar(dinov2, fetcher));
      HeldoutEvaluator evaluator = null;
      if (options.heldout() != null) {
        HeldoutSet set =
            HeldoutSet.read(
                spark,
                options.heldout(),
                options.vocab(),
                config.promptTemplate(),
                clipText,
                fetcher,
                textBatch);
        evaluator =
            new HeldoutEvaluator(
                head, clipEps, dinoEps, set.segments(), set.labels(), set.classTexts());
        LOG.info(
            "[train] held-out: {} object segments over {} classes ({} skipped: text not a class)",
            set.segments().size(),
            set.classes().size(),
            set.skipped());
      }
      CheckpointStore checkpoints = new CheckpointStore(options.checkpoints(), hadoop);
      float[] initial = UseHead.initialWeights(head, config.seed());
      TrainState state = startState(options, config, checkpoints, initial);
      double untrained = evaluator == null ? Double.NaN : evaluator.top1(initial);

      JavaRDD<TrainingExample> shards =
          StableShards.of(
              TrainingData.joined(features, texts),
              config.partitions(),
              "pair_id",
              TrainingData::example);
      try {
        jsc.setCallSite("train: build and cache the " + config.partitions() + " shards");
        long examples = shards.count();
        long pairs = features.count();
        if (examples == 0) {
          throw new IllegalArgumentException(
              "no training example: none of the "
                  + pairs
                  + " pairs of --features "
                  + options.features()
                  + " has a text in --texts "
                  + options.texts());
        }
        LOG.info(
            "[train] {} examples ({} pairs, {} without an embedded text) in {} shards; head of {}"
                + " weights; rounds {} → {}",
            examples,
            pairs,
            pairs - examples,
            config.partitions(),
            initial.length,
            state.round(),
            config.rounds());
        TrainState done =
            new RoundDriver<>(
                    jsc, shards, new HeadRoundStep(head, config), config, evaluator, checkpoints)
                .run(state);
        return finish(
            spark,
            options,
            config,
            head,
            clipEps,
            dinoEps,
            done,
            state.round(),
            untrained,
            examples,
            pairs,
            props,
            runId,
            start,
            progress,
            features);
      } finally {
        shards.unpersist(false);
      }
    } finally {
      spark.sparkContext().removeSparkListener(progress);
      jsc.clearCallSite();
      jsc.clearJobGroup();
    }
  }

  private static TrainResult finish(
      SparkSession spark,
      TrainJobOptions options,
      TrainConfig config,
      HeadConfig head,
      float clipEps,
      float dinoEps,
      TrainState done,
      int firstRound,
      double untrained,
      long examples,
      long pairs,
      Map<String, String> props,
      String runId,
      long start,
      ProgressListener progress,
      Dataset<Row> features) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Map<String, String> info = new TreeMap<>(config.trajectory());
    info.put("feature_version", features.select("feature_version").first().getString(0));
    info.put("rounds", Integer.toString(done.round()));
    HeadArtifact artifact = new HeadArtifact(head, done.weights(), clipEps, dinoEps, info);
    String headUri = TrainJobOptions.strip(options.out()) + "/head";
    writeArtifact(artifact, headUri, hadoop);
    TableWriter.overwrite(
        spark,
        TrainMetricsTable.rows(done.metrics(), runId),
        TrainMetricsTable.SCHEMA,
        TableWriter.tablePath(options.out(), TrainMetricsTable.SCHEMA),
        1);
    List<RoundMetrics> thisRun = done.metrics().subList(firstRound, done.metrics().size());
    double roundSeconds = thisRun.stream().mapToDouble(RoundMetrics::roundMillis).sum() / 1e3;
    long consumed = thisRun.stream().mapToLong(RoundMetrics::examples).sum();
    double perSecond = roundSeconds > 0 ? consumed / roundSeconds : 0.0;
    double top1 =
        done.metrics().isEmpty()
            ? Double.NaN
            : done.metrics().get(done.metrics().size() - 1).heldoutTop1();
    double overhead =
        thisRun.stream().mapToDouble(RoundMetrics::overheadMillis).average().orElse(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    RunSummary summary =
        new RunSummary(NAME, runId)
            .status(RunStatus.SUCCEEDED, 0.0, 1.0)
            .count("pairs", pairs)
            .count("examples", examples)
            .count("rounds", done.round())
            .count("rounds_this_run", thisRun.size())
            .count("weights", done.weights().length)
            .timing(seconds, examples)
            .stages(progress.completedStages())
            .config(props)
            .options(options.asMap());
    summary.json().put("head_version", artifact.version());
    summary.json().put("head", headUri);
    putNumber(summary, "heldout_top1", top1);
    putNumber(summary, "untrained_top1", untrained);
    summary.json().put("segments_per_second", perSecond);
    summary.json().put("mean_overhead_ms_per_round", overhead);
    HadoopFiles.writeString(summaryPath(options.out()), summary.toJson(), hadoop);
    LOG.info(
        "[train] {} rounds; held-out top-1 {} (untrained {}); {} segments/s; head {} at {} in {} s",
        done.round(),
        top1,
        untrained,
        String.format("%.0f", perSecond),
        artifact.version(),
        headUri,
        String.format("%.1f", seconds));
    return new TrainResult(
        top1,
        untrained,
        done.round(),
        perSecond,
        examples,
        headUri,
        artifact.version(),
        done,
        summary);
  }

  private static void putNumber(RunSummary summary, String key, double v) {
    if (Double.isNaN(v)) {
      summary.json().putNull(key);
    } else {
      summary.json().put(key, v);
    }
  }

  /** Where the run summary of a run into {@code out} is written. */
  public static String summaryPath(String out) {
    return TrainJobOptions.strip(out) + "/" + NAME + ".run-summary.json";
  }

  private static TrainState startState(
      TrainJobOptions options, TrainConfig config, CheckpointStore store, float[] initial) {
    if (!options.resume()) {
      return TrainState.initial(initial, config.partitions());
    }
    CheckpointStore.Checkpoint latest =
        store
            .latest()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--resume: no committed checkpoint under "
                            + store.root()
                            + "; run without --resume to start from scratch"));
    Map<String, String> now = config.trajectory();
    for (Map.Entry<String, String> e : latest.trajectory().entrySet()) {
      if (!e.getValue().equals(now.get(e.getKey()))) {
        throw new IllegalArgumentException(
            "--resume: checkpoint "
                + latest.path()
                + " was trained with "
                + e.getKey()
                + "="
                + e.getValue()
                + " but this run has "
                + now.get(e.getKey())
                + "; use the checkpoint's value (only rounds, intervals and threads may change)");
      }
    }
    LOG.info("[train] resuming from {} (round {})", latest.path(), latest.state().round());
    return latest.state();
  }

  private static HeadConfig headConfig(
      Dataset<Row> features, Dataset<Row> texts, TrainConfig config, TrainJobOptions options) {
    Row f = features.select("clip_blocks", "dino_blocks", "clip_cls", "dino_cls").first();
    if (f == null) {
      throw new IllegalArgumentException("--features " + options.features() + " has no rows");
    }
    Row t = texts.select("embedding").first();
    if (t == null) {
      throw new IllegalArgumentException("--texts " + options.texts() + " has no rows");
    }
    int cc = f.getList(2).size();
    int cd = f.getList(3).size();
    HeadDims dims =
        new HeadDims(
            f.getList(0).size() / cc, cc, f.getList(1).size() / cd, cd, t.getList(0).size());
    return new HeadConfig(
        dims, config.hiddenWidth(), config.useClip(), config.useDino(), config.useCls());
  }

  private static void checkFeatureVersion(
      Dataset<Row> features, String expected, TrainJobOptions options) {
    List<String> versions =
        features
            .select("feature_version")
            .distinct()
            .limit(3)
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    if (versions.size() != 1 || !versions.get(0).equals(expected)) {
      throw new IllegalArgumentException(
          "--features "
              + options.features()
              + " was made with backbone files of version "
              + versions
              + " but spark.use.model.clipImage/.dinov2 now hash to "
              + expected
              + "; train with the models that made the features, or rerun `use features`");
    }
  }

  private static Sidecar sidecar(ModelSpec spec, HadoopModelFetcher fetcher) {
    java.nio.file.Path local = fetcher.localCopy(spec.sidecarUri());
    try (InputStream in = java.nio.file.Files.newInputStream(local)) {
      return Sidecar.read(in, spec.role(), spec.sidecarUri());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sidecar " + spec.sidecarUri(), e);
    }
  }

  /** Reads a Parquet table, failing with a message naming the option when it is not there. */
  static Dataset<Row> readTable(SparkSession spark, String uri, String option, String[] columns) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path path = new Path(uri);
    try {
      if (!path.getFileSystem(hadoop).exists(path)) {
        throw new IllegalArgumentException(
            option
                + " "
                + uri
                + " does not exist"
                + HadoopFiles.where(path, hadoop)
                + "; give a table written by `use features`");
      }
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("read " + option, uri, e, hadoop);
    }
    Dataset<Row> table = spark.read().parquet(uri);
    List<String> have = Arrays.asList(table.columns());
    for (String c : columns) {
      if (!have.contains(c)) {
        throw new IllegalArgumentException(
            option
                + " "
                + uri
                + " has no column "
                + c
                + " (columns: "
                + have
                + "); give a table written by `use features`");
      }
    }
    return table;
  }

  private static void writeArtifact(HeadArtifact artifact, String dir, Configuration hadoop) {
    try {
      FileSystem fs = new Path(dir).getFileSystem(hadoop);
      byte[] params = artifact.paramsBytes();
      try (OutputStream out = fs.create(new Path(dir + "/" + HeadArtifact.PARAMS), true)) {
        out.write(params);
      }
      try (OutputStream out = fs.create(new Path(dir + "/" + HeadArtifact.JSON), true)) {
        out.write(artifact.jsonBytes());
      }
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("write the head to", dir, e, hadoop);
    }
  }
}
