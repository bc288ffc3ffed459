package ai.use.model.sam.amg;

/**
 * Wall time spent in the model by one generator run, so that the rest can be called
 * post-processing: {@code post-processing = total − encode − decode}. Not thread-safe: one per
 * generator run.
 */
public final class AmgTimings {
  private long encodeNanos;
  private long decodeNanos;

  /** Adds time spent encoding a crop (cutting it out, preprocessing, the image encoder). */
  public void addEncode(long nanos) {
    encodeNanos += nanos;
  }

  /** Adds time spent in the prompt decoder (building the prompts, the model, copying out). */
  public void addDecode(long nanos) {
    decodeNanos += nanos;
  }

  /** Encoder time in nanoseconds. */
  public long encodeNanos() {
    return encodeNanos;
  }

  /** Decoder time in nanoseconds. */
  public long decodeNanos() {
    return decodeNanos;
  }
}
