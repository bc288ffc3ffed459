package ai.use.jobs.label;

import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.model.label.LabelScorer;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Rows of the label job's tables, in the column order of their {@link Tables} schemas. */
final class LabelRows {
  private LabelRows() {}

  /** A {@link Tables#SEGMENTS} row. */
  static Row segment(
      String imageId,
      String uri,
      String segmentId,
      Rle mask,
      long[] boxXywh,
      long area,
      double predictedIou,
      double stability,
      float[] embedding,
      String modelVersion,
      String runId) {
    Double[] box = new Double[4];
    for (int i = 0; i < 4; i++) {
      box[i] = (double) boxXywh[i];
    }
    Float[] e = new Float[embedding.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = embedding[i];
    }
    return RowFactory.create(
        Tables.SEGMENTS.version(),
        imageId,
        uri,
        segmentId,
        RowFactory.create(new Integer[] {mask.height(), mask.width()}, mask.counts()),
        box,
        area,
        predictedIou,
        stability,
        e,
        modelVersion,
        runId);
  }

  /** A {@link Tables#LABEL_MANIFEST} row. */
  static Row manifest(
      String imageId,
      String uri,
      long length,
      long modificationTime,
      String modelVersion,
      ImageStatus status,
      int segments,
      String runId) {
    return RowFactory.create(
        Tables.LABEL_MANIFEST.version(),
        imageId,
        uri,
        length,
        new Timestamp(modificationTime),
        modelVersion,
        status.label(),
        segments,
        runId);
  }

  /** A {@link Tables#SEGMENT_LABELS} row with the top-k classes of {@code probabilities}. */
  static Row labels(
      String imageId,
      String segmentId,
      String modelVersion,
      LabelVocabulary vocabulary,
      double[] probabilities,
      String runId) {
    List<LabelScorer.ScoredClass> top = LabelScorer.topK(probabilities, vocabulary.topK());
    String[] names = new String[top.size()];
    Double[] scores = new Double[top.size()];
    for (int i = 0; i < top.size(); i++) {
      names[i] = vocabulary.names().get(top.get(i).index());
      scores[i] = top.get(i).probability();
    }
    return RowFactory.create(
        Tables.SEGMENT_LABELS.version(),
        imageId,
        segmentId,
        modelVersion,
        vocabulary.vocabId(),
        names,
        scores,
        runId);
  }
}
