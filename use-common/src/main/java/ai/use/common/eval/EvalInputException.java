package ai.use.common.eval;

/**
 * A label map that cannot be evaluated (unreadable, colour instead of class indices, a value
 * outside the layout, a size that differs from its ground truth). The job turns it into an {@code
 * errors} row for that image.
 */
public final class EvalInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an input was refused; becomes the errors row's {@code error_class}. */
  public enum Kind {
    UNREADABLE,
    NOT_A_LABEL_MAP,
    VALUE_OUT_OF_RANGE,
    SIZE_MISMATCH
  }

  private final Kind kind;

  public EvalInputException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
