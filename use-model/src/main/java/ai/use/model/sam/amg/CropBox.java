package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXywh;
import ai.use.common.geometry.BoxXyxy;
import com.google.common.base.Preconditions;

/**
 * One crop of the image as SAM's {@code generate_crop_boxes} makes it: integer pixel corners {@code
 * [x0, y0, x1, y1]} (exclusive {@code x1, y1}) and the crop layer it belongs to (0 = the whole
 * image).
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge (exclusive), {@code > x0}
 * @param y1 bottom edge (exclusive), {@code > y0}
 * @param layer crop layer, {@code >= 0}
 */
public record CropBox(int x0, int y0, int x1, int y1, int layer) {

  /** Validates the corners and the layer. */
  public CropBox {
    Preconditions.checkArgument(
        x0 >= 0 && y0 >= 0 && x1 > x0 && y1 > y0,
        "crop box [x0, y0, x1, y1] needs 0 <= x0 < x1 and 0 <= y0 < y1, got [%s, %s, %s, %s]",
        x0,
        y0,
        x1,
        y1);
    Preconditions.checkArgument(layer >= 0, "crop layer must be >= 0, got %s", layer);
  }

  /** Width {@code x1 - x0} in pixels. */
  public int width() {
    return x1 - x0;
  }

  /** Height {@code y1 - y0} in pixels. */
  public int height() {
    return y1 - y0;
  }

  /** Whether this crop is the whole {@code width × height} image. */
  public boolean isWholeImage(int imageWidth, int imageHeight) {
    return x0 == 0 && y0 == 0 && x1 == imageWidth && y1 == imageHeight;
  }

  /**
   * The score of a mask from this crop in SAM's NMS across crops: {@code 1 / box_area(crop_box)},
   * computed as torch does on the int64 crop boxes (in float32), so smaller crops win.
   */
  public double crossCropNmsScore() {
    float area = (float) ((long) width() * height());
    return 1.0f / area;
  }

  /** The corners as a box. */
  public BoxXyxy toXyxy() {
    return new BoxXyxy(x0, y0, x1, y1);
  }

  /** SAM's output {@code crop_box}: {@code box_xyxy_to_xywh(crop_box)}. */
  public BoxXywh toXywh() {
    return new BoxXywh(x0, y0, x1 - x0, y1 - y0);
  }
}
