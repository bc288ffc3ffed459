package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;

/**
 * SAM's uncropping ({@code uncrop_boxes_xyxy}, {@code uncrop_points}, {@code uncrop_masks}): moves
 * results found in a crop back into the coordinates of the whole image.
 */
public final class Uncrop {
  private Uncrop() {}

  /** A box in crop coordinates shifted by the crop's {@code (x0, y0)}. */
  public static BoxXyxy boxXyxy(BoxXyxy box, CropBox crop) {
    return new BoxXyxy(
        box.x0() + crop.x0(), box.y0() + crop.y0(), box.x1() + crop.x0(), box.y1() + crop.y0());
  }

  /** A point {@code [x, y]} in crop coordinates shifted by the crop's {@code (x0, y0)}. */
  public static double[] point(double[] point, CropBox crop) {
    Preconditions.checkArgument(
        point.length == 2, "point must be [x, y], got %s values", point.length);
    return new double[] {point[0] + crop.x0(), point[1] + crop.y0()};
  }

  /**
   * A crop-sized mask padded with zeros into an {@code imageHeight × imageWidth} mask at the crop's
   * place. When the crop is the whole image the mask itself is returned (not a copy), as in SAM.
   *
   * @param mask the mask over the crop, {@code crop.height() × crop.width()}
   * @throws IllegalArgumentException if the mask is not crop-sized or the crop leaves the image
   */
  public static BinaryMask mask(BinaryMask mask, CropBox crop, int imageHeight, int imageWidth) {
    Preconditions.checkArgument(
        mask.height() == crop.height() && mask.width() == crop.width(),
        "mask of %sx%s (HxW) does not fit crop %s (%sx%s)",
        mask.height(),
        mask.width(),
        crop,
        crop.height(),
        crop.width());
    Preconditions.checkArgument(
        crop.x1() <= imageWidth && crop.y1() <= imageHeight,
        "crop %s leaves the image of %sx%s (HxW)",
        crop,
        imageHeight,
        imageWidth);
    if (crop.isWholeImage(imageWidth, imageHeight)) {
      return mask;
    }
    BinaryMask out = new BinaryMask(imageHeight, imageWidth);
    int w = mask.width();
    for (int y = 0; y < mask.height(); y++) {
      int row = y * w;
      for (int x = 0; x < w; x++) {
        if (mask.getRowMajor(row + x)) {
          out.set(y + crop.y0(), x + crop.x0(), true);
        }
      }
    }
    return out;
  }
}
