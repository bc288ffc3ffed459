package ai.use.common.toy;

import com.google.common.base.Preconditions;

/**
 * Rasterizes a toy object with hard edges: a pixel belongs to the shape when its centre lies inside
 * it (no anti-aliasing), so the masks are exact.
 *
 * <p>The top part is the shape's pixels in the upper {@link #TOP_FRACTION} of its rows; the body is
 * the rest of the shape. The handle is a rectangle of about {@link #HANDLE_WIDTH_FRACTION} × {@link
 * #HANDLE_HEIGHT_FRACTION} of the extent, centred vertically on the shape and overlapping its right
 * edge, minus the shape's own pixels.
 */
final class ShapeRasterizer {
  /** Fraction of the shape's rows that form the top part. */
  static final double TOP_FRACTION = 0.3;

  static final double HANDLE_WIDTH_FRACTION = 0.3;
  static final double HANDLE_HEIGHT_FRACTION = 0.2;

  private ShapeRasterizer() {}

  /** Rasterizes {@code shape} in a square of side {@code extent}, with or without a handle. */
  static ObjectRaster rasterize(ToyShape shape, int extent, boolean handle) {
    Preconditions.checkArgument(extent >= 8, "extent %s is too small (at least 8)", extent);
    int handleWidth = Math.max(4, (int) Math.round(extent * HANDLE_WIDTH_FRACTION));
    int handleHeight = Math.max(4, (int) Math.round(extent * HANDLE_HEIGHT_FRACTION));
    int overlap = handleWidth / 3;
    int handleX0 = rightEdgeAtMiddle(shape, extent) - overlap;
    int handleY0 = (extent - handleHeight) / 2;
    int width = handle ? Math.max(extent, handleX0 + handleWidth) : extent;
    byte[] codes = new byte[width * extent];
    int topRows = (int) Math.round(extent * TOP_FRACTION);
    for (int y = 0; y < extent; y++) {
      ToyPart band = y < topRows ? ToyPart.TOP : ToyPart.BODY;
      for (int x = 0; x < width; x++) {
        if (x < extent && inside(shape, extent, x + 0.5, y + 0.5)) {
          codes[y * width + x] = (byte) (band.ordinal() + 1);
        } else if (handle
            && x >= handleX0
            && x < handleX0 + handleWidth
            && y >= handleY0
            && y < handleY0 + handleHeight) {
          codes[y * width + x] = (byte) (ToyPart.HANDLE.ordinal() + 1);
        }
      }
    }
    return new ObjectRaster(width, extent, codes);
  }

  /** Whether the point (px, py), in the frame of the shape's square, is inside the shape. */
  static boolean inside(ToyShape shape, int extent, double px, double py) {
    double half = extent / 2.0;
    double dx = px - half;
    double dy = py - half;
    return switch (shape) {
      case CIRCLE -> dx * dx + dy * dy <= half * half;
      case SQUARE -> px >= 0 && px <= extent && py >= 0 && py <= extent;
      case TRIANGLE -> py >= 0 && py <= extent && Math.abs(dx) <= py / 2.0;
      case DIAMOND -> Math.abs(dx) + Math.abs(dy) <= half;
    };
  }

  /** Column just right of the shape on its middle row. */
  private static int rightEdgeAtMiddle(ToyShape shape, int extent) {
    return shape == ToyShape.TRIANGLE ? (int) Math.round(extent * 0.75) : extent;
  }
}
