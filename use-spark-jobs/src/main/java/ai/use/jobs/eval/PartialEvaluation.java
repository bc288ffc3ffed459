package ai.use.jobs.eval;

import ai.use.common.eval.ConfusionMatrix;
import ai.use.common.eval.EvalInputException;
import ai.use.common.eval.ImageEvaluation;
import ai.use.common.eval.LabelImage;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.tables.ErrorRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The mergeable state of an evaluation over some images: their summed confusion matrix, the number
 * of images counted and the error rows of images that could not be evaluated. One per partition;
 * partitions merge by addition ({@link #merge}), so the order of merging does not matter.
 */
final class PartialEvaluation implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ConfusionMatrix matrix;
  private final List<ErrorRecord> errors = new ArrayList<>();
  private long images;

  PartialEvaluation(int classes) {
    this.matrix = new ConfusionMatrix(classes);
  }

  /** Evaluates every pair of one partition; unreadable or mismatched maps become error rows. */
  static PartialEvaluation ofPartition(
      Iterator<LabelPair> pairs,
      ImageEvaluation evaluation,
      int classes,
      SerializableConfiguration conf) {
    PartialEvaluation state = new PartialEvaluation(classes);
    while (pairs.hasNext()) {
      LabelPair pair = pairs.next();
      try {
        LabelImage gt = LabelImage.read(read(pair.groundTruth(), conf), pair.groundTruth());
        LabelImage pred = LabelImage.read(read(pair.prediction(), conf), pair.prediction());
        state.matrix.add(evaluation.evaluate(gt, pair.groundTruth(), pred, pair.prediction()));
        state.images++;
      } catch (EvalInputException e) {
        state.errors.add(
            new ErrorRecord(
                null,
                pair.prediction(),
                "evaluate",
                pair.key(),
                e.kind().name(),
                e.getMessage() + "; the image is left out of the metrics"));
      } catch (IOException e) {
        state.errors.add(
            new ErrorRecord(
                null,
                pair.prediction(),
                "read",
                pair.key(),
                e.getClass().getSimpleName(),
                "cannot read " + pair.key() + ": " + e.getMessage()));
      }
    }
    return state;
  }

  private static byte[] read(String uri, SerializableConfiguration conf) throws IOException {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf.get()).open(path)) {
      return in.readAllBytes();
    }
  }

  /** Adds {@code other} into this state; returns this. */
  PartialEvaluation merge(PartialEvaluation other) {
    matrix.add(other.matrix);
    errors.addAll(other.errors);
    images += other.images;
    return this;
  }

  ConfusionMatrix matrix() {
    return matrix;
  }

  List<ErrorRecord> errors() {
    return errors;
  }

  long images() {
    return images;
  }
}
