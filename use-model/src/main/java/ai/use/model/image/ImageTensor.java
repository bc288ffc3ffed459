package ai.use.model.image;

/**
 * A preprocessed image: float {@code [3, S, S]} (RGB planes, row-major, normalized) and how the
 * original maps into it.
 *
 * @param chw the values, {@code 3 * S * S}
 * @param geometry original size, S, resized content size
 */
public record ImageTensor(float[] chw, Geometry geometry) {
  public int size() {
    return geometry.inputSize();
  }
}
