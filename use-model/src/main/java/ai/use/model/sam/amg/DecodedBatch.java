package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * What is left of one decoded batch after the filters that run inside libtorch ({@link
 * SurvivorFilter}): SAM's {@code _process_batch} up to and including the threshold, i.e. the masks
 * whose predicted IoU and stability score passed, at crop resolution, held as COCO RLE (a binary
 * mask at a time is decoded where needed). Nothing else of the batch reaches Java.
 *
 * @param prompts prompts P in the batch
 * @param masksPerPoint {@code K}: 3 with multimask output, else 1
 * @param height crop height {@code H}
 * @param width crop width {@code W}
 * @param survivors the surviving masks in input order
 */
public record DecodedBatch(
    int prompts, int masksPerPoint, int height, int width, List<Survivor> survivors) {

  /**
   * One surviving mask.
   *
   * @param index its row in SAM's flattened {@code [P * K]} order; its prompt is {@code index / K}
   * @param predictedIou the decoder's predicted IoU
   * @param stabilityScore SAM's stability score of the upscaled logits
   * @param rle {@code logits > mask_threshold} at crop resolution, {@code [H, W]}, as RLE
   */
  public record Survivor(int index, float predictedIou, float stabilityScore, Rle rle) {
    /** Checks the mask is present. */
    public Survivor {
      Preconditions.checkNotNull(rle, "rle");
    }

    /** A survivor from its binary mask (encoded at once; the mask is not kept). */
    public Survivor(int index, float predictedIou, float stabilityScore, BinaryMask mask) {
      this(index, predictedIou, stabilityScore, CocoRle.encode(mask));
    }

    /** The mask, decoded from the RLE on each call. */
    public BinaryMask mask() {
      return CocoRle.decode(rle);
    }
  }

  /** Checks the survivors fit the batch. */
  public DecodedBatch {
    Preconditions.checkArgument(
        prompts >= 1 && masksPerPoint >= 1,
        "a batch needs prompts and masks per point, got %s and %s",
        prompts,
        masksPerPoint);
    survivors = List.copyOf(survivors);
    for (Survivor s : survivors) {
      Preconditions.checkArgument(
          s.index() >= 0 && s.index() < prompts * masksPerPoint,
          "survivor index %s is outside the %s masks of %s prompts",
          s.index(),
          prompts * masksPerPoint,
          prompts);
      Preconditions.checkArgument(
          s.rle().height() == height && s.rle().width() == width,
          "survivor mask of %sx%s does not match the batch's %sx%s (HxW)",
          s.rle().height(),
          s.rle().width(),
          height,
          width);
    }
  }
}
