package ai.use.common.toy;

/** The two splits of a toy world; {@link #label()} is the directory and file-name word. */
public enum ToySplit {
  TRAIN("train"),
  HELDOUT("heldout");

  private final String label;

  ToySplit(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Image file name of the image at {@code index}, e.g. {@code toy_train_00000.png}. */
  public String fileName(int index) {
    return String.format("toy_%s_%05d.png", label, index);
  }
}
