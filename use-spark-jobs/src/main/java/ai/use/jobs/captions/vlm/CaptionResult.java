package ai.use.jobs.captions.vlm;

import ai.use.jobs.tables.ErrorRecord;
import java.io.Serializable;

/**
 * The outcome for one image: a caption, or an error that the job writes as an {@code errors} row
 * ({@link #toErrorRecord()}). Every input image gets exactly one result, in input order.
 *
 * @param imageId the image's id
 * @param uri the image's URI
 * @param caption the caption (whitespace collapsed, never blank), or null on error
 * @param errorClass on error, one of the {@code Vlm*} classes of {@code docs/vlm-captions.md}
 * @param message on error, what went wrong and what to do (never the API key)
 * @param requests HTTP requests made for this image (0 for a cache hit or a bad image)
 * @param cached whether the caption came from the response cache
 */
public record CaptionResult(
    String imageId,
    String uri,
    String caption,
    String errorClass,
    String message,
    int requests,
    boolean cached)
    implements Serializable {
  /** The {@code errors} stage of every caption failure. */
  public static final String STAGE = "caption";

  static CaptionResult ok(ImageBytes image, String caption, int requests, boolean cached) {
    return new CaptionResult(image.imageId(), image.uri(), caption, null, null, requests, cached);
  }

  static CaptionResult failed(ImageBytes image, String errorClass, String message, int requests) {
    return new CaptionResult(
        image.imageId(), image.uri(), null, errorClass, message, requests, false);
  }

  public boolean isOk() {
    return caption != null;
  }

  /** The {@code errors} row of a failed result. */
  public ErrorRecord toErrorRecord() {
    if (isOk()) {
      throw new IllegalStateException("image " + imageId + " has a caption, not an error");
    }
    return new ErrorRecord(imageId, uri, STAGE, "image", errorClass, message);
  }
}
