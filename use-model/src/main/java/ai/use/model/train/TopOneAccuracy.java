package ai.use.model.train;

import ai.use.model.head.PooledFeatures;
import ai.use.model.head.UseEmbedder;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * Held-out top-1: the share of segments whose most similar class text (cosine between the head's
 * embedding and the L2-normalized class text embedding) is their label.
 */
public final class TopOneAccuracy {
  private TopOneAccuracy() {}

  /**
   * Top-1 of {@code segments} against {@code classTexts} ({@code [V][D]}, one per class).
   *
   * @param labels the class index of each segment
   */
  public static double of(
      UseEmbedder embedder, List<PooledFeatures> segments, int[] labels, float[][] classTexts) {
    Preconditions.checkArgument(
        segments.size() == labels.length && !segments.isEmpty(),
        "top-1 needs one label per segment and at least one segment: %s segments, %s labels",
        segments.size(),
        labels.length);
    int[] predicted = predict(embedder, segments, classTexts);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        correct++;
      }
    }
    return (double) correct / labels.length;
  }

  /** The most similar class of each segment (ties: the lower index). */
  public static int[] predict(
      UseEmbedder embedder, List<PooledFeatures> segments, float[][] classTexts) {
    int d = embedder.config().dims().textWidth();
    double[][] classes = new double[classTexts.length][d];
    for (int c = 0; c < classTexts.length; c++) {
      Preconditions.checkArgument(
          classTexts[c].length == d,
          "class text %s has width %s, the head maps to %s",
          c,
          classTexts[c].length,
          d);
      double n = 0;
      for (float v : classTexts[c]) {
        n += (double) v * v;
      }
      n = Math.sqrt(n);
      for (int j = 0; j < d; j++) {
        classes[c][j] = classTexts[c][j] / n;
      }
    }
    float[][] e = embedder.embed(segments);
    int[] out = new int[e.length];
    for (int i = 0; i < e.length; i++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes.length; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += e[i][j] * classes[c][j];
        }
        if (s > best) {
          best = s;
          out[i] = c;
        }
      }
    }
    return out;
  }
}
