package ai.use.jobs.query;

import ai.djl.Device;
import ai.use.common.config.ModelKeys;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Texts → query embeddings on the driver: each text goes through the prompt template ({@code {}} is
 * replaced by the text) and the {@code clip-text} model of {@code spark.use.model.clipText}
 * (fetched once per JVM through {@link ModelCache}); outputs {@code [B, D]} are L2-normalized.
 */
final class TextQueries {
  /** The default prompt template, CLIP's own zero-shot prompt. */
  static final String DEFAULT_TEMPLATE = "a photo of a {}.";

  private TextQueries() {}

  static List<Query> embed(SparkSession spark, List<String> texts, String template, int first) {
    if (!template.contains("{}")) {
      throw new IllegalArgumentException(
          "--template '" + template + "' has no {} where the query text goes");
    }
    Map<String, String> conf = SparkSessions.useProperties(spark);
    String uri = ModelKeys.CLIP_TEXT.read(conf);
    int batch = ModelKeys.BATCH_SIZE.read(conf);
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(
            spark.sparkContext().hadoopConfiguration(), System.getProperty("java.io.tmpdir"));
    LoadedModel model =
        ModelCache.get(new ModelSpec(ModelRole.CLIP_TEXT, uri), Device.cpu(), fetcher);
    List<String> prompts = texts.stream().map(t -> template.replace("{}", t)).toList();
    List<Query> out = new ArrayList<>();
    try (ClipTextEncoder encoder = new ClipTextEncoder(model, batch)) {
      float[][] embeddings = encoder.embed(prompts);
      for (int i = 0; i < texts.size(); i++) {
        out.add(new Query(first + i, texts.get(i), prompts.get(i), normalized(embeddings[i])));
      }
    }
    return out;
  }

  /** {@code v / |v|}; fails on a zero vector (nothing to rank by). */
  static float[] normalized(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    if (norm == 0 || Double.isNaN(norm)) {
      throw new IllegalArgumentException(
          "the query embedding has no direction (norm " + norm + ")");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }
}
