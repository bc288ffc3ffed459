package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;

/**
 * A mask that survived SAM's per-batch filters, before the NMS steps: one row of SAM's {@code
 * MaskData} after {@code _process_batch}, already in whole-image coordinates.
 *
 * <p>The mask is held as COCO RLE so that all candidates of a large image stay small (a binary mask
 * is a byte per pixel: 12 MB per candidate on a 12-megapixel image); it is decoded where a step
 * needs pixels (small-region cleanup, the output record).
 *
 * @param rle the thresholded mask over the whole image, as RLE
 * @param box SAM's {@code batched_mask_to_box} of the mask, in image pixels (inclusive max corner)
 * @param predictedIou the decoder's predicted IoU (float32 as SAM keeps it)
 * @param stabilityScore the stability score (float32 as SAM keeps it)
 * @param pointX x of the prompt point in image pixels
 * @param pointY y of the prompt point in image pixels
 * @param crop the crop the mask was found in
 */
public record Candidate(
    Rle rle,
    BoxXyxy box,
    float predictedIou,
    float stabilityScore,
    double pointX,
    double pointY,
    CropBox crop) {

  /** Checks the parts are present. */
  public Candidate {
    Preconditions.checkNotNull(rle, "rle");
    Preconditions.checkNotNull(box, "box");
    Preconditions.checkNotNull(crop, "crop");
  }

  /** A candidate from its whole-image binary mask (encoded at once; the mask is not kept). */
  public Candidate(
      BinaryMask mask,
      BoxXyxy box,
      float predictedIou,
      float stabilityScore,
      double pointX,
      double pointY,
      CropBox crop) {
    this(CocoRle.encode(mask), box, predictedIou, stabilityScore, pointX, pointY, crop);
  }

  /** The mask, decoded from the RLE on each call. */
  public BinaryMask mask() {
    return CocoRle.decode(rle);
  }

  /** The output record of this candidate in the given output mode. */
  public MaskRecord toRecord(AmgOptions.OutputMode mode) {
    return MaskRecord.of(
        mask(), mode, predictedIou, new double[] {pointX, pointY}, stabilityScore, crop);
  }
}
