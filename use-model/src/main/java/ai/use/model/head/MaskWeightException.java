package ai.use.model.head;

/**
 * A segment mask gives no patch any weight (it is empty) or does not fit the image it claims to
 * belong to. A per-record problem: jobs turn it into an {@code errors} row for that segment, never
 * a NaN feature.
 */
public final class MaskWeightException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public MaskWeightException(String message) {
    super(message);
  }
}
