package ai.use.common.geometry;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;

/**
 * An axis-aligned box in COCO {@code [x, y, w, h]} format: top-left corner, width and height in
 * pixels. Every value is finite and {@code w, h >= 0}.
 *
 * <p>Geometry (area, intersection, IoU, clipping) is the same as for {@link BoxXyxy} with {@code x1
 * = x + w}, {@code y1 = y + h}.
 *
 * @param x left edge
 * @param y top edge
 * @param w width, {@code >= 0}
 * @param h height, {@code >= 0}
 */
public record BoxXywh(double x, double y, double w, double h) {

  /** Validates the values. */
  public BoxXywh {
    Preconditions.checkArgument(
        Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h),
        "box [x, y, w, h] must be finite, got [%s, %s, %s, %s]",
        x,
        y,
        w,
        h);
    Preconditions.checkArgument(
        w >= 0 && h >= 0,
        "box [x, y, w, h] needs w >= 0 and h >= 0, got [%s, %s, %s, %s]",
        x,
        y,
        w,
        h);
  }

  /**
   * The COCO bbox of a mask: {@code [xmin, ymin, xmax - xmin + 1, ymax - ymin + 1]} over the set
   * pixels, so a one-pixel mask has a 1×1 box; {@code [0, 0, 0, 0]} for an empty mask. Equal to
   * pycocotools' {@code toBbox} of the mask's RLE ({@link #ofRle(Rle)}).
   */
  public static BoxXywh ofMask(BinaryMask mask) {
    int[] extent = MaskExtent.of(mask);
    if (extent == null) {
      return new BoxXywh(0, 0, 0, 0);
    }
    return new BoxXywh(extent[0], extent[1], extent[2] - extent[0] + 1, extent[3] - extent[1] + 1);
  }

  /**
   * The COCO bbox of a mask in compressed RLE, as pycocotools' {@code toBbox} ({@link
   * CocoRle#bboxXywh(Rle)}): computed from the runs without decoding, and the same box as {@link
   * #ofMask(BinaryMask)} of the decoded mask (a run of set pixels that wraps from one column into
   * the next covers the last and the first row, so the full height is the tight box there too).
   */
  public static BoxXywh ofRle(Rle rle) {
    long[] b = CocoRle.bboxXywh(rle);
    return new BoxXywh(b[0], b[1], b[2], b[3]);
  }

  /**
   * The same box as {@code [x0, y0, x1, y1]} with {@code x1 = x + w} (SAM's {@code
   * box_xywh_to_xyxy}).
   */
  public BoxXyxy toXyxy() {
    return new BoxXyxy(x, y, x + w, y + h);
  }

  /** Area {@code w * h}. */
  public double area() {
    return w * h;
  }

  /** Area of the overlap with {@code other}; see {@link BoxXyxy#intersectionArea(BoxXyxy)}. */
  public double intersectionArea(BoxXywh other) {
    return toXyxy().intersectionArea(other.toXyxy());
  }

  /** Intersection over union, 0 when the union is 0; see {@link BoxXyxy#iou(BoxXyxy)}. */
  public double iou(BoxXywh other) {
    return toXyxy().iou(other.toXyxy());
  }

  /** This box clamped to a {@code width × height} image; see {@link BoxXyxy#clip(int, int)}. */
  public BoxXywh clip(int width, int height) {
    return toXyxy().clip(width, height).toXywh();
  }
}
