package ai.use.common.toy;

/**
 * The four object shapes of the toy world. Each is drawn inside a square of side {@code extent}
 * (the object's size); the object category id is {@code ordinal() + 1}.
 */
public enum ToyShape {
  CIRCLE("circle"),
  SQUARE("square"),
  TRIANGLE("triangle"),
  DIAMOND("diamond");

  private final String label;

  ToyShape(String label) {
    this.label = label;
  }

  /** The word used in captions, texts and class lists. */
  public String label() {
    return label;
  }
}
