package ai.use.common.image;

import static java.util.Objects.requireNonNull;

/**
 * An image that {@link ImageDecoder} refused or could not decode. The message names the source URI,
 * what was found and what the user can do; {@link #reason()} is meant for the {@code errors} table.
 */
public final class ImageDecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an image was not decoded. */
  public enum Reason {
    /** Zero bytes. */
    EMPTY,
    /** More encoded bytes than {@link ImageLimits#maxBytes()}. */
    TOO_LARGE_BYTES,
    /** The header declares more pixels than {@link ImageLimits#maxPixels()}. */
    TOO_MANY_PIXELS,
    /** No installed reader recognizes the bytes. */
    UNSUPPORTED_FORMAT,
    /** The data ends before the image does. */
    TRUNCATED,
    /** A reader recognized the format but the data is invalid. */
    CORRUPT
  }

  /** Why the image was not decoded. */
  private final Reason reason;

  /** The URI of the image. */
  private final String source;

  /**
   * @param reason why the image was not decoded
   * @param source the URI of the image, as given to {@link ImageDecoder#decode}
   * @param message the full message (naming the source)
   * @param cause the reader's exception, or {@code null}
   */
  public ImageDecodeException(Reason reason, String source, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
    this.source = requireNonNull(source, "source");
  }

  /** Why the image was not decoded. */
  public Reason reason() {
    return reason;
  }

  /** The URI of the image. */
  public String source() {
    return source;
  }
}
