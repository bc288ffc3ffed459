package ai.use.model.image;

import java.io.Serializable;

/**
 * How an original image maps into a model's square input: resized by {@code scale} to {@code
 * resizedHeight × resizedWidth} (SAM's rule: {@code floor(side * scale + 0.5)}), then zero-padded
 * bottom/right to {@code inputSize} ({@code pad} mode) or stretched to it ({@code resize} mode).
 *
 * @param height original height
 * @param width original width
 * @param inputSize the model's square input side S
 * @param resizedHeight rows of image content in the input
 * @param resizedWidth columns of image content in the input
 */
public record Geometry(int height, int width, int inputSize, int resizedHeight, int resizedWidth)
    implements Serializable {

  /** Longest side to {@code size}, aspect kept ({@code pad} mode; SAM's ResizeLongestSide). */
  public static Geometry longestSide(int height, int width, int size) {
    double scale = (double) size / Math.max(height, width);
    return new Geometry(
        height,
        width,
        size,
        (int) Math.floor(height * scale + 0.5),
        (int) Math.floor(width * scale + 0.5));
  }

  /** Stretched to {@code size × size} ({@code resize} mode). */
  public static Geometry stretched(int height, int width, int size) {
    return new Geometry(height, width, size, size, size);
  }

  /** x in the input frame of an original x (SAM's {@code apply_coords}: x × (new_w / old_w)). */
  public double toInputX(double x) {
    return x * ((double) resizedWidth / width);
  }

  /** y in the input frame of an original y. */
  public double toInputY(double y) {
    return y * ((double) resizedHeight / height);
  }

  /** Original x of an input-frame x. */
  public double toOriginalX(double x) {
    return x * width / resizedWidth;
  }

  /** Original y of an input-frame y. */
  public double toOriginalY(double y) {
    return y * height / resizedHeight;
  }
}
