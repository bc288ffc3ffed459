package ai.use.jobs.captions.vlm;

/**
 * Why an image got no caption: the {@code error_class} of its {@code errors} row. Behaviour of each
 * is documented in {@code docs/vlm-captions.md}; none is cached, so a rerun asks again.
 */
public enum VlmFailure {
  /** Every request got a 429, a 5xx, a timeout or a connection error: the server is overloaded. */
  RETRIES_EXHAUSTED("VlmRetriesExhausted"),
  /**
   * A 4xx other than 429 (bad request, unauthorized, unknown model, image too large): not retried.
   */
  HTTP_ERROR("VlmHttpError"),
  /** A 200 whose body is not chat-completions JSON with a message: not retried. */
  BAD_RESPONSE("VlmBadResponse"),
  /** A well-formed answer with no text (empty, blank, or refused with no content). */
  EMPTY_CAPTION("VlmEmptyCaption"),
  /** The image bytes are empty or not PNG, JPEG, GIF, WebP or BMP: nothing was sent. */
  BAD_IMAGE("VlmBadImage");

  private final String errorClass;

  VlmFailure(String errorClass) {
    this.errorClass = errorClass;
  }

  /** The {@code error_class} value. */
  public String errorClass() {
    return errorClass;
  }
}
