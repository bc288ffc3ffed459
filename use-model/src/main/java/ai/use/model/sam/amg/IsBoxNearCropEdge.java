package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;

/**
 * SAM's {@code is_box_near_crop_edge}: a mask box that lies near an edge of its crop but not near
 * the same edge of the image is cut off by the crop and is dropped.
 *
 * <p>The box is uncropped first; then per coordinate {@code k} of {@code [x0, y0, x1, y1]} it is
 * "near the crop edge" when {@code |box[k] - crop[k]| <= atol} and not {@code |box[k] - image[k]|
 * <= atol}, with {@code image = [0, 0, w, h]} ({@code torch.isclose(atol, rtol=0)} in float32).
 */
public final class IsBoxNearCropEdge {
  /** SAM's default tolerance in pixels. */
  public static final double DEFAULT_ATOL = 20.0;

  private IsBoxNearCropEdge() {}

  /** {@link #test(BoxXyxy, CropBox, int, int, double)} with SAM's {@code atol = 20}. */
  public static boolean test(BoxXyxy boxInCrop, CropBox crop, int imageWidth, int imageHeight) {
    return test(boxInCrop, crop, imageWidth, imageHeight, DEFAULT_ATOL);
  }

  /**
   * Whether the box is near an edge of the crop that is not an edge of the image.
   *
   * @param boxInCrop the mask's box in crop coordinates (SAM's {@code batched_mask_to_box})
   * @param crop the crop the box was found in
   * @param imageWidth image width in pixels
   * @param imageHeight image height in pixels
   * @param atol absolute tolerance in pixels
   */
  public static boolean test(
      BoxXyxy boxInCrop, CropBox crop, int imageWidth, int imageHeight, double atol) {
    BoxXyxy box = Uncrop.boxXyxy(boxInCrop, crop);
    double[] b = {box.x0(), box.y0(), box.x1(), box.y1()};
    double[] c = {crop.x0(), crop.y0(), crop.x1(), crop.y1()};
    double[] im = {0, 0, imageWidth, imageHeight};
    float tol = (float) atol;
    for (int k = 0; k < 4; k++) {
      if (isClose(b[k], c[k], tol) && !isClose(b[k], im[k], tol)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isClose(double a, double b, float atol) {
    return Math.abs((float) a - (float) b) <= atol;
  }
}
