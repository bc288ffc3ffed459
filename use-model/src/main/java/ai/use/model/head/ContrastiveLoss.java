package ai.use.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import com.google.common.base.Preconditions;

/**
 * Symmetric segment–text InfoNCE (CLIP's loss) with a learnable temperature, and identical texts in
 * a batch masked out as negatives.
 *
 * <p>With segment embeddings {@code s [B, D]} (L2-normalized by the head), text embeddings {@code t
 * [B, D]} (L2-normalized here), {@code scale = exp(clamp(logitScale, 0, ln 100))} — i.e. the
 * temperature τ = 1/scale is kept in {@code [0.01, 1]} — and logits {@code L = scale · s tᵀ}: pair
 * {@code (i, j)}, {@code i ≠ j}, is removed from both softmaxes when text id {@code i} equals text
 * id {@code j} (the same phrase is not a negative of itself). Loss = ½ (mean over rows of −log
 * softmax_row(L)_ii + mean over columns of −log softmax_col(L)_ii).
 *
 * <p>DJL {@link Loss} form: labels = (text embeddings {@code [B, D]}, text ids {@code [B]} int64),
 * predictions = (segment embeddings {@code [B, D]}, logit scale {@code [1]}).
 */
public final class ContrastiveLoss extends Loss {
  /** Lowest logit scale: τ ≤ 1. */
  public static final float MIN_LOGIT_SCALE = 0f;

  /** Highest logit scale {@code ln 100}: τ ≥ 0.01 (CLIP's clamp). */
  public static final float MAX_LOGIT_SCALE = (float) Math.log(100);

  /** What a masked logit becomes: far below any real logit (|L| ≤ 100). */
  private static final float MASKED = -1e9f;

  public ContrastiveLoss() {
    super("segment_text_infonce");
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    return compute(predictions.get(0), labels.get(0), labels.get(1), predictions.get(1));
  }

  /**
   * The loss (a scalar) of segment embeddings {@code [B, D]}, text embeddings {@code [B, D]}, text
   * ids {@code [B]} (int64) and the log inverse temperature {@code [1]}.
   */
  public static NDArray compute(
      NDArray segments, NDArray texts, NDArray textIds, NDArray logitScale) {
    long b = segments.getShape().get(0);
    Preconditions.checkArgument(
        texts.getShape().get(0) == b && textIds.getShape().size() == b,
        "batch of %s segments but %s texts and %s text ids",
        b,
        texts.getShape().get(0),
        textIds.getShape().size());
    NDArray t = texts.div(texts.square().sum(new int[] {1}, true).add(1e-12f).sqrt());
    NDArray scale = logitScale.clip(MIN_LOGIT_SCALE, MAX_LOGIT_SCALE).exp();
    NDArray logits = segments.matMul(t.transpose()).mul(scale);
    NDArray eye = segments.getManager().eye((int) b);
    NDArray ids = textIds.reshape(b);
    NDArray duplicates =
        ids.reshape(b, 1).eq(ids.reshape(1, b)).toType(DataType.FLOAT32, false).sub(eye);
    NDArray masked = logits.add(duplicates.mul(MASKED));
    NDArray rows = masked.logSoftmax(1).mul(eye).sum().div(b);
    NDArray cols = masked.logSoftmax(0).mul(eye).sum().div(b);
    return rows.add(cols).mul(-0.5f);
  }
}
