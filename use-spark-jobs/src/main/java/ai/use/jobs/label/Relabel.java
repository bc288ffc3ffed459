package ai.use.jobs.label;

import ai.use.common.config.CoreConfig;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.ErrorPolicy;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.ProgressListener;
import ai.use.jobs.runtime.RunStatus;
import ai.use.jobs.runtime.RunSummary;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.model.label.LabelPng;
import ai.use.model.label.SemanticMap;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code label --relabel --vocab FILE}: scores the stored embeddings of the current segments
 * (latest manifest row per image) against a vocabulary and replaces {@code
 * segment_labels/vocab_id=V/} (partitioned by the segments' run_date inside). Runs no image model:
 * only the clip-text model, once, on the driver. Never writes {@code segments}. With {@code
 * --semantic-maps --images ROOT}, repaints each image's map from its stored masks.
 */
final class Relabel {
  private static final Logger LOG = LoggerFactory.getLogger(Relabel.class);

  private Relabel() {}

  static LabelResult execute(
      SparkSession spark,
      JavaSparkContext jsc,
      LabelOptions options,
      Map<String, String> conf,
      CoreConfig config,
      String runId,
      ProgressListener progress) {
    long start = System.nanoTime();
    Configuration hadoop = jsc.hadoopConfiguration();
    String out = options.out();
    if (!LabelManifest.exists(LabelPaths.manifest(out), hadoop)) {
      throw new IllegalArgumentException(
          "--relabel found no label_manifest under "
              + out
              + "; run label without --relabel first (relabel scores stored embeddings)");
    }
    if (options.semanticMaps() && options.images() == null) {
      throw new IllegalArgumentException(
          "--relabel --semantic-maps needs --images ROOT: map paths are relative to it");
    }
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(hadoop, System.getProperty("java.io.tmpdir"));
    LabelVocabulary vocabulary = LabelVocabulary.load(options, conf, hadoop, fetcher);
    Broadcast<LabelVocabulary> vocab = jsc.broadcast(vocabulary);
    try {
      Dataset<Row> current =
          LabelManifest.currentSegments(spark, out)
              .select(
                  "image_id",
                  "segment_id",
                  "model_version",
                  "embedding",
                  LabelPaths.RUN_DATE,
                  "image_uri",
                  "mask");
      JavaRDD<Row> rows =
          current
              .javaRDD()
              .map(
                  r -> {
                    LabelVocabulary v = vocab.value();
                    List<Float> e = r.getList(3);
                    double[] p = v.scorer().probabilities(floats(e));
                    Row labels =
                        LabelRows.labels(
                            r.getString(0), r.getString(1), r.getString(2), v, p, runId);
                    Object[] values = new Object[labels.size() + 1];
                    for (int i = 0; i < labels.size(); i++) {
                      values[i] = labels.get(i);
                    }
                    values[labels.size()] = r.getString(4);
                    return RowFactory.create(values);
                  });
      StructType schema =
          SparkSchemas.of(Tables.SEGMENT_LABELS)
              .add(LabelPaths.RUN_DATE, DataTypes.StringType, false);
      jsc.setCallSite(
          "relabel: score current segments, write segment_labels/vocab_id=" + vocabulary.vocabId());
      Dataset<Row> frame = spark.createDataFrame(rows, schema);
      frame
          .write()
          .mode(SaveMode.Overwrite)
          .partitionBy(LabelPaths.RUN_DATE)
          .parquet(LabelPaths.labels(out, vocabulary.vocabId()));
      long labels = spark.read().parquet(LabelPaths.labels(out, vocabulary.vocabId())).count();
      long maps = 0;
      if (options.semanticMaps()) {
        maps = paintMaps(current, vocab, options, hadoop);
        HadoopFiles.writeString(
            LabelPaths.semanticMaps(out, vocabulary.vocabId()) + "/classes.txt",
            vocabulary.classesText(),
            hadoop);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      RunSummary summary =
          new RunSummary("relabel", runId)
              .status(RunStatus.SUCCEEDED, ErrorPolicy.errorRate(0, labels), config.maxErrorRate())
              .count("labels", labels)
              .count("semantic_maps", maps)
              .timing(seconds, maps)
              .stages(progress.completedStages())
              .config(conf)
              .options(options.asMap());
      summary.json().put("vocab_id", vocabulary.vocabId());
      HadoopFiles.writeString(LabelPaths.relabelSummary(out), summary.toJson(), hadoop);
      LOG.info(
          "[relabel] {} current segments labeled with vocab_id {} in {} s",
          labels,
          vocabulary.vocabId(),
          String.format("%.1f", seconds));
      return new LabelResult(null, vocabulary.vocabId(), 0, 0, 0, 0, labels, 0, seconds, summary);
    } finally {
      vocab.destroy();
    }
  }

  /** Repaints every current image's map from its stored masks; returns the number of maps. */
  private static long paintMaps(
      Dataset<Row> current,
      Broadcast<LabelVocabulary> vocab,
      LabelOptions options,
      Configuration hadoop) {
    String root;
    try {
      Path images = new Path(options.images());
      root = images.getFileSystem(hadoop).makeQualified(images).toString();
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("resolve --images", options.images(), e, hadoop);
    }
    String prefix = root.endsWith("/") ? root : root + "/";
    String out = options.out();
    SerializableConfiguration conf = new SerializableConfiguration(hadoop);
    return current
        .select("image_uri", "mask", "embedding")
        .javaRDD()
        .groupBy(r -> r.getString(0))
        .map(
            group -> {
              String uri = group._1();
              List<BinaryMask> masks = new ArrayList<>();
              List<double[]> probabilities = new ArrayList<>();
              int h = 0;
              int w = 0;
              for (Row r : group._2()) {
                Row m = r.getStruct(1);
                List<Integer> size = m.getList(0);
                h = size.get(0);
                w = size.get(1);
                masks.add(CocoRle.decode(new Rle(h, w, m.getString(1))));
                probabilities.add(vocab.value().scorer().probabilities(floats(r.getList(2))));
              }
              String relative = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
              Path path = new Path(LabelPaths.semanticMap(out, vocab.value().vocabId(), relative));
              try {
                FileSystem fs = path.getFileSystem(conf.get());
                try (OutputStream o = fs.create(path, true)) {
                  o.write(LabelPng.encode(SemanticMap.paint(h, w, masks, probabilities)));
                }
              } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
              }
              return 1L;
            })
        .fold(0L, Long::sum);
  }

  private static float[] floats(List<Float> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
