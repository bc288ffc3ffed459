package ai.use.common.geometry;

import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.Optional;

/**
 * An axis-aligned box in {@code [x0, y0, x1, y1]} format (torchvision / SAM {@code boxes}), in
 * pixel coordinates with the origin at the top-left corner.
 *
 * <p>Area, intersection and IoU follow torchvision's {@code box_area} / {@code box_iou}: the width
 * is {@code x1 - x0} with no {@code +1}. A box is valid when every coordinate is finite, {@code x0
 * <= x1} and {@code y0 <= y1}; zero-area boxes are allowed.
 *
 * <p>Boxes made by {@link #ofMaskInclusive(BinaryMask)} are an exception to the "exclusive corner"
 * reading: as in SAM's {@code batched_mask_to_box}, their {@code x1 / y1} are the last set pixel
 * (inclusive), so a one-pixel mask has a zero-area box.
 *
 * @param x0 left edge
 * @param y0 top edge
 * @param x1 right edge, {@code >= x0}
 * @param y1 bottom edge, {@code >= y0}
 */
public record BoxXyxy(double x0, double y0, double x1, double y1) {

  /** The box SAM returns for an empty mask: all zero. */
  public static final BoxXyxy EMPTY = new BoxXyxy(0, 0, 0, 0);

  /** Validates the coordinates. */
  public BoxXyxy {
    Preconditions.checkArgument(
        Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1),
        "box [x0, y0, x1, y1] must be finite, got [%s, %s, %s, %s]",
        x0,
        y0,
        x1,
        y1);
    Preconditions.checkArgument(
        x0 <= x1 && y0 <= y1,
        "box [x0, y0, x1, y1] needs x0 <= x1 and y0 <= y1, got [%s, %s, %s, %s]",
        x0,
        y0,
        x1,
        y1);
  }

  /**
   * SAM's {@code batched_mask_to_box} for one mask: {@code [xmin, ymin, xmax, ymax]} over the set
   * pixels, with {@code xmax / ymax} the coordinates of the last set column / row (inclusive). An
   * empty mask gives {@link #EMPTY} ({@code [0, 0, 0, 0]}).
   *
   * <p>For the COCO {@code [x, y, w, h]} box of a mask (with {@code w = xmax - xmin + 1}) use
   * {@link BoxXywh#ofMask(BinaryMask)}; note that SAM's own output {@code
   * box_xyxy_to_xywh(batched_mask_to_box(m))} is one pixel narrower and shorter than that.
   */
  public static BoxXyxy ofMaskInclusive(BinaryMask mask) {
    int[] extent = MaskExtent.of(mask);
    if (extent == null) {
      return EMPTY;
    }
    return new BoxXyxy(extent[0], extent[1], extent[2], extent[3]);
  }

  /** Width {@code x1 - x0}. */
  public double width() {
    return x1 - x0;
  }

  /** Height {@code y1 - y0}. */
  public double height() {
    return y1 - y0;
  }

  /** Area {@code (x1 - x0) * (y1 - y0)} (torchvision {@code box_area}). */
  public double area() {
    return (x1 - x0) * (y1 - y0);
  }

  /**
   * The same box as COCO {@code [x, y, w, h]} ({@code w = x1 - x0}, SAM's {@code
   * box_xyxy_to_xywh}).
   */
  public BoxXywh toXywh() {
    return new BoxXywh(x0, y0, x1 - x0, y1 - y0);
  }

  /**
   * The overlap of the two boxes, or empty when they are disjoint. Boxes that only touch along an
   * edge or at a corner overlap in a zero-area box.
   */
  public Optional<BoxXyxy> intersection(BoxXyxy other) {
    double ix0 = Math.max(x0, other.x0);
    double iy0 = Math.max(y0, other.y0);
    double ix1 = Math.min(x1, other.x1);
    double iy1 = Math.min(y1, other.y1);
    if (ix0 > ix1 || iy0 > iy1) {
      return Optional.empty();
    }
    return Optional.of(new BoxXyxy(ix0, iy0, ix1, iy1));
  }

  /**
   * Area of the overlap, 0 for disjoint or touching boxes (torchvision's clamped {@code inter}).
   */
  public double intersectionArea(BoxXyxy other) {
    double w = Math.min(x1, other.x1) - Math.max(x0, other.x0);
    double h = Math.min(y1, other.y1) - Math.max(y0, other.y0);
    return w <= 0 || h <= 0 ? 0 : w * h;
  }

  /**
   * Intersection over union as torchvision's {@code box_iou}, except that it is 0 (not NaN) when
   * the union is 0, i.e. when both boxes have zero area.
   */
  public double iou(BoxXyxy other) {
    double inter = intersectionArea(other);
    double union = area() + other.area() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /**
   * This box clamped to an image of {@code width × height} pixels, as torchvision's {@code
   * clip_boxes_to_image}: x into {@code [0, width]}, y into {@code [0, height]}. A box entirely
   * outside the image becomes a zero-area box on its border.
   */
  public BoxXyxy clip(int width, int height) {
    Preconditions.checkArgument(
        width >= 0 && height >= 0,
        "image size must be non-negative, got width=%s height=%s",
        width,
        height);
    return new BoxXyxy(clamp(x0, width), clamp(y0, height), clamp(x1, width), clamp(y1, height));
  }

  private static double clamp(double v, int max) {
    return Math.min(Math.max(v, 0), max);
  }
}
