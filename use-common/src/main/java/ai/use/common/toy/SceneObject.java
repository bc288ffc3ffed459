package ai.use.common.toy;

/**
 * One placed object of a scene.
 *
 * @param shape its shape
 * @param colour colour of its body
 * @param size its size word
 * @param extent side of the square the shape is drawn in, in pixels
 * @param topColour colour of its top part (differs from {@code colour})
 * @param handleColour colour of its handle, or null when it has none (differs from both others)
 * @param x left column of its raster in the image
 * @param y top row of its raster in the image
 * @param raster its full, unoccluded pixels
 */
record SceneObject(
    ToyShape shape,
    ToyColour colour,
    ToySize size,
    int extent,
    ToyColour topColour,
    ToyColour handleColour,
    int x,
    int y,
    ObjectRaster raster) {

  boolean hasHandle() {
    return handleColour != null;
  }

  /** Colour of one of its parts. */
  ToyColour colourOf(ToyPart part) {
    return switch (part) {
      case BODY -> colour;
      case TOP -> topColour;
      case HANDLE -> handleColour;
    };
  }

  /** Its parts, body and top always, the handle when it has one. */
  ToyPart[] parts() {
    return hasHandle() ? ToyPart.values() : new ToyPart[] {ToyPart.BODY, ToyPart.TOP};
  }

  /** Names it with its colour and shape, e.g. {@code "red circle"}. */
  String name() {
    return colour.label() + " " + shape.label();
  }
}
