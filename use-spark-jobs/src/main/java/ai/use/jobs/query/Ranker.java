package ai.use.jobs.query;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;

/**
 * Ranks segment rows for every query at once: each partition scores its rows (cosine of the segment
 * embedding {@code [D]} with each unit query embedding {@code [D]}) into a {@link TopK}; the
 * partitions' heaps are merged by {@code treeReduce}. Nothing but Q·k hits per partition ever
 * leaves an executor. Rows whose embedding is missing, zero or of another width are skipped and
 * counted.
 */
final class Ranker {
  /** Columns a hit needs, in this order. */
  static final String[] COLUMNS = {
    "image_id",
    "segment_id",
    "image_uri",
    "model_version",
    "run_date",
    "box",
    "area",
    "mask",
    "embedding"
  };

  private Ranker() {}

  /**
   * The top {@code k} hits of each query.
   *
   * @param skipped counts rows that could not be scored
   */
  static TopK rank(
      Dataset<Row> segments, List<Query> queries, int k, boolean byImage, LongAccumulator skipped) {
    List<Query> qs = List.copyOf(queries);
    int n = qs.size();
    return segments
        .select(Arrays.stream(COLUMNS).map(c -> col(c)).toArray(Column[]::new))
        .javaRDD()
        .mapPartitions(
            rows -> {
              TopK top = new TopK(n, k, byImage);
              while (rows.hasNext()) {
                Row row = rows.next();
                float[] e = embedding(row);
                double norm = norm(e);
                if (norm == 0 || e.length != qs.get(0).embedding().length) {
                  skipped.add(1);
                  continue;
                }
                Hit first = null;
                for (int q = 0; q < n; q++) {
                  double score = dot(e, qs.get(q).embedding()) / norm;
                  first = first == null ? toHit(row, score) : withScore(first, score);
                  top.offer(q, first);
                }
              }
              return List.of(top.seal()).iterator();
            })
        .treeReduce(TopK::merge);
  }

  private static float[] embedding(Row row) {
    if (row.isNullAt(8)) {
      return new float[0];
    }
    List<Float> list = row.getList(8);
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      Float f = list.get(i);
      out[i] = f == null ? Float.NaN : f;
    }
    return out;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    double n = Math.sqrt(s);
    return Double.isNaN(n) ? 0 : n;
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  private static Hit toHit(Row row, double score) {
    List<Double> boxList = row.isNullAt(5) ? List.of() : row.getList(5);
    double[] box = boxList.stream().mapToDouble(Double::doubleValue).toArray();
    Row mask = row.getStruct(7);
    List<Integer> size = mask.getList(0);
    return new Hit(
        score,
        row.getString(0),
        row.getString(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        box,
        row.isNullAt(6) ? 0 : row.getLong(6),
        size.get(0),
        size.get(1),
        mask.getString(1));
  }

  private static Hit withScore(Hit h, double score) {
    return new Hit(
        score,
        h.imageId(),
        h.segmentId(),
        h.imageUri(),
        h.modelVersion(),
        h.runDate(),
        h.box(),
        h.area(),
        h.maskHeight(),
        h.maskWidth(),
        h.maskCounts());
  }
}
