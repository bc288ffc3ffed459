package ai.use.jobs.train;

import ai.djl.Device;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.head.PooledFeatures;
import ai.use.model.runtime.ModelCache;
import ai.use.model.runtime.ModelFetcher;
import ai.use.model.spec.ModelSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The held-out set on the driver: the object segments of a held-out features table whose text is a
 * vocabulary class, and the vocabulary's prompt embeddings ({@code template} with {@code {}} = the
 * class name, embedded by the frozen {@code clip-text} model, L2-normalized). Collected to the
 * driver: keep it to a few thousand segments.
 *
 * @param segments pooled features of each evaluated segment
 * @param labels class index of each segment
 * @param classes the vocabulary
 * @param classTexts prompt embeddings {@code [classes][D]}
 * @param skipped held-out objects whose text is not in the vocabulary (not evaluated)
 */
public record HeldoutSet(
    List<PooledFeatures> segments,
    int[] labels,
    List<String> classes,
    float[][] classTexts,
    long skipped) {

  /** Reads the set; fails clearly on a missing or empty input. */
  public static HeldoutSet read(
      SparkSession spark,
      String heldout,
      String vocab,
      String template,
      ModelSpec clipText,
      ModelFetcher fetcher,
      int batchSize) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Dataset<Row> objects =
        TrainJob.readTable(spark, heldout, "--heldout", TrainJob.FEATURE_COLUMNS)
            .filter(functions.col("granularity").equalTo("object"));
    List<Row> rows =
        objects
            .select("pair_id", "text", "clip_blocks", "dino_blocks", "clip_cls", "dino_cls")
            .orderBy("pair_id")
            .collectAsList();
    List<String> classes = vocab != null ? readVocab(vocab, hadoop) : distinctTexts(rows);
    if (classes.isEmpty()) {
      throw new IllegalArgumentException(
          (vocab != null ? "--vocab " + vocab : "--heldout " + heldout + " (object texts)")
              + " gives no class names; give one class name per line");
    }
    List<PooledFeatures> segments = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    long skipped = 0;
    for (Row r : rows) {
      int label = classes.indexOf(r.getString(1));
      if (label < 0) {
        skipped++;
        continue;
      }
      labels.add(label);
      segments.add(
          new PooledFeatures(
              TrainingData.floats(r.getList(2)),
              TrainingData.floats(r.getList(3)),
              TrainingData.floats(r.getList(4)),
              TrainingData.floats(r.getList(5))));
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException(
          "--heldout "
              + heldout
              + " has no object segment whose text is a class of the vocabulary ("
              + rows.size()
              + " objects, classes "
              + classes.subList(0, Math.min(5, classes.size()))
              + "…)");
    }
    List<String> prompts = classes.stream().map(c -> template.replace("{}", c)).toList();
    float[][] embeddings;
    try (ClipTextEncoder encoder =
        new ClipTextEncoder(ModelCache.get(clipText, Device.cpu(), fetcher), batchSize)) {
      embeddings = encoder.embed(prompts);
    }
    for (float[] e : embeddings) {
      normalize(e);
    }
    return new HeldoutSet(
        segments,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        List.copyOf(classes),
        embeddings,
        skipped);
  }

  private static List<String> distinctTexts(List<Row> rows) {
    Set<String> names = new java.util.TreeSet<>();
    rows.forEach(r -> names.add(r.getString(1)));
    return List.copyOf(names);
  }

  private static List<String> readVocab(String uri, Configuration hadoop) {
    Set<String> names = new LinkedHashSet<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                HadoopFiles.open(uri, hadoop, "--vocab"), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --vocab " + uri, e);
    }
    return List.copyOf(names);
  }

  private static void normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    double inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * inv);
    }
  }
}
