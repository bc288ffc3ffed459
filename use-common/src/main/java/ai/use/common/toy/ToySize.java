package ai.use.common.toy;

/** Object sizes: the side of the square the shape is drawn in, in pixels (inclusive range). */
public enum ToySize {
  SMALL("small", 40, 70),
  LARGE("large", 80, 140);

  private final String label;
  private final int minExtent;
  private final int maxExtent;

  ToySize(String label, int minExtent, int maxExtent) {
    this.label = label;
    this.minExtent = minExtent;
    this.maxExtent = maxExtent;
  }

  /** The word used in captions and texts. */
  public String label() {
    return label;
  }

  /** Smallest extent in pixels (inclusive). */
  public int minExtent() {
    return minExtent;
  }

  /** Largest extent in pixels (inclusive). */
  public int maxExtent() {
    return maxExtent;
  }
}
