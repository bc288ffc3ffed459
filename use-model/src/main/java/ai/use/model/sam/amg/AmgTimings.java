package ai.use.model.sam.amg;

/**
 * Wall time spent in the model (and in preparing its input) by one generator run, so that the rest
 * can be called post-processing: {@code post-processing = total − preprocess − encode − decode}.
 * Not thread-safe: one per generator run.
 */
public final class AmgTimings {
  private long preprocessNanos;
  private long encodeNanos;
  private long decodeNanos;

  /** Adds time spent preparing a crop for the encoder (cutting it out, resizing, normalizing). */
  public void addPreprocess(long nanos) {
    preprocessNanos += nanos;
  }

  /** Adds time spent in the image encoder (the tensor in, the model, the embedding). */
  public void addEncode(long nanos) {
    encodeNanos += nanos;
  }

  /** Adds time spent in the prompt decoder (building the prompts, the model, copying out). */
  public void addDecode(long nanos) {
    decodeNanos += nanos;
  }

  /** Preprocessing time in nanoseconds. */
  public long preprocessNanos() {
    return preprocessNanos;
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
