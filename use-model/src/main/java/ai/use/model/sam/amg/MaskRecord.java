package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXywh;
import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;

/**
 * One mask of SAM's automatic mask generator, with the fields of its output dict.
 *
 * <p>{@code bbox} is SAM's {@code box_xyxy_to_xywh(batched_mask_to_box(mask))}: the max corner is
 * the last set pixel (inclusive), so {@code w = xmax - xmin}, one less than the COCO width of the
 * same mask ({@link BoxXywh#ofMask(BinaryMask)}); a one-pixel mask has {@code w = h = 0}.
 *
 * @param segmentation the mask over the whole image, binary or COCO RLE
 * @param area number of set pixels
 * @param bbox SAM's box of the mask, {@code [x, y, w, h]} with inclusive max corner
 * @param predictedIou the model's predicted IoU for the mask
 * @param pointX x of the prompt point that produced the mask, image pixels
 * @param pointY y of the prompt point, image pixels
 * @param stabilityScore SAM's stability score of the mask logits
 * @param cropBox the crop the mask was found in, {@code [x, y, w, h]}
 */
public record MaskRecord(
    Segmentation segmentation,
    long area,
    BoxXywh bbox,
    double predictedIou,
    double pointX,
    double pointY,
    double stabilityScore,
    BoxXywh cropBox) {

  /** Validates the fields. */
  public MaskRecord {
    Preconditions.checkNotNull(segmentation, "segmentation");
    Preconditions.checkNotNull(bbox, "bbox");
    Preconditions.checkNotNull(cropBox, "cropBox");
    Preconditions.checkArgument(area >= 0, "area must be >= 0, got %s", area);
  }

  /**
   * The record of a mask over the whole image: area, SAM's bbox and the segmentation in the given
   * output mode are computed from {@code mask}.
   *
   * @param mask the (uncropped) mask over the whole image
   * @param mode binary mask or COCO RLE
   * @param predictedIou the model's predicted IoU
   * @param point the prompt point {@code [x, y]} in image pixels
   * @param stabilityScore the stability score
   * @param crop the crop the mask was found in
   */
  public static MaskRecord of(
      BinaryMask mask,
      AmgOptions.OutputMode mode,
      double predictedIou,
      double[] point,
      double stabilityScore,
      CropBox crop) {
    Preconditions.checkArgument(
        point.length == 2, "point must be [x, y], got %s values", point.length);
    return new MaskRecord(
        Segmentation.of(mask, mode),
        mask.area(),
        samBbox(mask),
        predictedIou,
        point[0],
        point[1],
        stabilityScore,
        crop.toXywh());
  }

  /** SAM's {@code box_xyxy_to_xywh(batched_mask_to_box(mask))}; {@code [0, 0, 0, 0]} if empty. */
  public static BoxXywh samBbox(BinaryMask mask) {
    return BoxXyxy.ofMaskInclusive(mask).toXywh();
  }

  /** SAM's {@code point_coords}: the prompt point {@code [x, y]}. */
  public double[] pointCoords() {
    return new double[] {pointX, pointY};
  }
}
