package ai.use.common.toy;

/**
 * The six saturated vocabulary colours, well separated in RGB and far from the grey background
 * ({@link #BACKGROUND_RGB}).
 */
public enum ToyColour {
  RED("red", 220, 30, 30),
  GREEN("green", 30, 170, 50),
  BLUE("blue", 30, 70, 225),
  YELLOW("yellow", 240, 220, 30),
  PURPLE("purple", 140, 40, 190),
  ORANGE("orange", 250, 140, 20);

  /** Mean background colour, a neutral grey that is none of the vocabulary colours. */
  public static final int[] BACKGROUND_RGB = {128, 128, 124};

  private final String label;
  private final int red;
  private final int green;
  private final int blue;

  ToyColour(String label, int red, int green, int blue) {
    this.label = label;
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  /** The word used in captions and texts. */
  public String label() {
    return label;
  }

  public int red() {
    return red;
  }

  public int green() {
    return green;
  }

  public int blue() {
    return blue;
  }
}
