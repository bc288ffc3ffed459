package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;

/**
 * A mask that survived SAM's per-batch filters, before the NMS steps: one row of SAM's {@code
 * MaskData} after {@code _process_batch}, already in whole-image coordinates.
 *
 * @param mask the thresholded mask over the whole image
 * @param box SAM's {@code batched_mask_to_box} of the mask, in image pixels (inclusive max corner)
 * @param predictedIou the decoder's predicted IoU (float32 as SAM keeps it)
 * @param stabilityScore the stability score (float32 as SAM keeps it)
 * @param pointX x of the prompt point in image pixels
 * @param pointY y of the prompt point in image pixels
 * @param crop the crop the mask was found in
 */
public record Candidate(
    BinaryMask mask,
    BoxXyxy box,
    float predictedIou,
    float stabilityScore,
    double pointX,
    double pointY,
    CropBox crop) {

  /** Checks the parts are present. */
  public Candidate {
    Preconditions.checkNotNull(mask, "mask");
    Preconditions.checkNotNull(box, "box");
    Preconditions.checkNotNull(crop, "crop");
  }

  /** The output record of this candidate in the given output mode. */
  public MaskRecord toRecord(AmgOptions.OutputMode mode) {
    return MaskRecord.of(
        mask, mode, predictedIou, new double[] {pointX, pointY}, stabilityScore, crop);
  }
}
