package ai.use.common.toy;

/**
 * The parts of every toy object: the {@code body} (object colour), the {@code top} (the upper band
 * of the shape, another colour) and, for half the objects, a {@code handle} (a small rectangle on
 * the right, a third colour).
 */
public enum ToyPart {
  BODY("body"),
  TOP("top"),
  HANDLE("handle");

  private final String label;

  ToyPart(String label) {
    this.label = label;
  }

  /** The word used in captions, texts and class lists. */
  public String label() {
    return label;
  }
}
