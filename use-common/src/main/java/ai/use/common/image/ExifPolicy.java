package ai.use.common.image;

/**
 * What {@link ImageDecoder} does with the EXIF {@code Orientation} tag of a JPEG. Chosen per input
 * source; the policy used and the tag found are recorded in every {@link DecodedImage}.
 */
public enum ExifPolicy {
  /**
   * Rotate/flip the pixels as the tag says (EXIF 2.3, tag 0x0112), so the result is the picture as
   * a viewer shows it; the same as PIL's {@code ImageOps.exif_transpose}.
   */
  APPLY,
  /** Keep the pixels as stored in the file; the tag is only recorded. */
  IGNORE
}
