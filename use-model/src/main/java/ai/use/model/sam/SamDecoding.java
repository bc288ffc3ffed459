package ai.use.model.sam;

import ai.djl.ndarray.NDArray;
import ai.use.model.image.Geometry;
import com.google.common.base.Preconditions;

/**
 * Decoder outputs for P prompts with the logits left in libtorch: low-res logits {@code [P, 4, 256,
 * 256]} (owned by the manager passed to {@link SamDecoder#decode(SamEmbedding, java.util.List,
 * ai.djl.ndarray.NDManager)}) and predicted IoU {@code [P, 4]} copied to Java (16 bytes a prompt).
 * Mask 0 is the single-mask output, masks 1–3 the multimask outputs.
 *
 * @param logits float32 {@code [P, masks, size, size]}
 * @param iou predicted IoU, {@code [P * masks]} prompt-major
 * @param masks masks per prompt (4)
 * @param geometry original size and the content size in the 1024 frame
 */
public record SamDecoding(NDArray logits, float[] iou, int masks, Geometry geometry) {
  /** Checks the IoU array matches the logits. */
  public SamDecoding {
    Preconditions.checkArgument(
        logits.getShape().dimension() == 4
            && logits.getShape().get(1) == masks
            && logits.getShape().get(0) * masks == iou.length,
        "logits %s do not match %s IoU values of %s masks per prompt",
        logits.getShape(),
        iou.length,
        masks);
  }

  /** Number of prompts P. */
  public int prompts() {
    return iou.length / masks;
  }

  /** Low-res side (256). */
  public int size() {
    return (int) logits.getShape().get(2);
  }

  /** Predicted IoU of mask {@code m} of prompt {@code p}. */
  public float iou(int p, int m) {
    return iou[p * masks + m];
  }
}
