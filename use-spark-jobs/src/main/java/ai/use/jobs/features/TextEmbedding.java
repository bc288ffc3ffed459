package ai.use.jobs.features;

import ai.use.common.table.Tables;
import ai.use.jobs.gpu.TaskDevices;
import ai.use.jobs.runtime.TaskThreads;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.runtime.ModelCache;
import ai.use.model.runtime.ModelFetcher;
import ai.use.model.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The {@code texts} table: every distinct text embedded once by the frozen {@code clip-text} model
 * and L2-normalized ({@code [D]} per text).
 */
final class TextEmbedding {
  private TextEmbedding() {}

  /**
   * Rows of {@link Tables#TEXTS} for {@code distinct} (no duplicates), embedded in batches of
   * {@code batchSize} per task.
   */
  static JavaRDD<Row> rows(
      JavaRDD<String> distinct,
      ModelSpec clipText,
      ModelFetcher fetcher,
      int batchSize,
      String textModel,
      String runId) {
    return distinct.mapPartitions(
        texts -> {
          List<String> all = new ArrayList<>();
          texts.forEachRemaining(all::add);
          if (all.isEmpty()) {
            return List.<Row>of().iterator();
          }
          List<Row> out = new ArrayList<>(all.size());
          TaskThreads.matchTaskCpus();
          try (ClipTextEncoder encoder =
              new ClipTextEncoder(
                  ModelCache.get(clipText, TaskDevices.current(), fetcher), batchSize)) {
            float[][] embeddings = encoder.embed(all);
            for (int i = 0; i < all.size(); i++) {
              out.add(
                  RowFactory.create(
                      Tables.TEXTS.version(),
                      all.get(i),
                      normalized(embeddings[i]),
                      textModel,
                      runId));
            }
          }
          return out.iterator();
        });
  }

  /** {@code v / |v|} (boxed for Spark); a zero vector stays zero. */
  static Float[] normalized(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double inv = sum > 0 ? 1.0 / Math.sqrt(sum) : 0.0;
    Float[] out = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] * inv);
    }
    return out;
  }
}
