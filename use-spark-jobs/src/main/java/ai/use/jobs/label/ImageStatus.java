package ai.use.jobs.label;

/** The {@code status} of a label_manifest row. */
public enum ImageStatus {
  /** At least one segment was written. */
  LABELED,
  /** The image was processed and SAM found no segment: not reprocessed while it is unchanged. */
  NO_SEGMENTS,
  /** Reading, decoding or a model failed (an errors row says why): retried by the next run. */
  ERROR;

  /** The value stored in the table. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
