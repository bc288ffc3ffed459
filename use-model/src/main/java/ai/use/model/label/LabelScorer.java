package ai.use.model.label;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a segment embedding against the class embeddings as CLIP's zero-shot classifier does:
 * class probabilities {@code softmax(logitScale · cos(segment, class))} over the K classes.
 */
public final class LabelScorer implements Serializable {
  /** CLIP's learned logit scale (exp of its temperature parameter, clamped at 100). */
  public static final double CLIP_LOGIT_SCALE = 100.0;

  private static final long serialVersionUID = 1L;

  private final ClassEmbeddings classes;
  private final double logitScale;

  /**
   * @param classes the class embeddings {@code [K][D]}, L2-normalized
   * @param logitScale multiplies the cosine similarities before the softmax, {@code > 0}
   */
  public LabelScorer(ClassEmbeddings classes, double logitScale) {
    Preconditions.checkArgument(
        logitScale > 0 && Double.isFinite(logitScale),
        "logit scale must be finite and > 0, got %s",
        logitScale);
    this.classes = classes;
    this.logitScale = logitScale;
  }

  /** Class probabilities {@code [K]} of one embedding {@code [D]} (normalized here). */
  public double[] probabilities(float[] embedding) {
    Preconditions.checkArgument(
        embedding.length == classes.width(),
        "segment embedding has width %s but the class embeddings have %s; the head and the"
            + " text model must share CLIP's text space",
        embedding.length,
        classes.width());
    float[] e = Vectors.normalized(embedding, "segment");
    double[] logits = new double[classes.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = logitScale * Vectors.dot(e, classes.vectors()[k]);
      max = Math.max(max, logits[k]);
    }
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = Math.exp(logits[k] - max);
      sum += logits[k];
    }
    for (int k = 0; k < logits.length; k++) {
      logits[k] /= sum;
    }
    return logits;
  }

  /**
   * The {@code k} most probable classes, best first (ties: lower class id first).
   *
   * @return pairs of (class index 0..K-1, probability)
   */
  public static List<ScoredClass> topK(double[] probabilities, int k) {
    Preconditions.checkArgument(k >= 1, "top-k must be >= 1, got %s", k);
    List<ScoredClass> all = new ArrayList<>(probabilities.length);
    for (int i = 0; i < probabilities.length; i++) {
      all.add(new ScoredClass(i, probabilities[i]));
    }
    all.sort(
        (a, b) ->
            a.probability() != b.probability()
                ? Double.compare(b.probability(), a.probability())
                : Integer.compare(a.index(), b.index()));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /**
   * One class with its probability.
   *
   * @param index class index 0..K-1 (class id {@code index + 1})
   * @param probability its probability
   */
  public record ScoredClass(int index, double probability) {}
}
