package ai.use.jobs.query;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Queries by example: {@code image_id:segment_id} → that segment's own embedding, looked up in the
 * selected segments (the latest run_date when the selection holds several rows of it).
 */
final class ExampleQueries {
  private ExampleQueries() {}

  static List<Query> resolve(Dataset<Row> segments, List<String> likes, int first) {
    List<Query> out = new ArrayList<>();
    for (String like : likes) {
      int colon = like.indexOf(':');
      if (colon <= 0 || colon == like.length() - 1) {
        throw new IllegalArgumentException(
            "--like " + like + " must be image_id:segment_id (both as in the segments table)");
      }
      String imageId = like.substring(0, colon);
      String segmentId = like.substring(colon + 1);
      List<Row> rows =
          segments
              .filter(col("image_id").equalTo(imageId).and(col("segment_id").equalTo(segmentId)))
              .orderBy(col("run_date").desc(), col("model_version"))
              .select("embedding")
              .limit(1)
              .collectAsList();
      if (rows.isEmpty() || rows.get(0).isNullAt(0)) {
        throw new IllegalArgumentException(
            "--like "
                + like
                + ": no segment with image_id "
                + imageId
                + " and segment_id "
                + segmentId
                + " among the selected segments (check the ids and the filters)");
      }
      List<Float> list = rows.get(0).getList(0);
      float[] e = new float[list.size()];
      for (int i = 0; i < e.length; i++) {
        e[i] = list.get(i);
      }
      out.add(new Query(first + out.size(), "like:" + like, null, TextQueries.normalized(e)));
    }
    return out;
  }
}
