package ai.use.model.label;

import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.List;

/**
 * A per-image semantic label map painted from labeled segments: each pixel takes the class with the
 * highest summed probability over the segments covering it; pixels no segment covers get {@link
 * #IGNORE}. Values are class ids (1..K, {@link VocabularyClass#id()}), as ADE20K-style benchmarks
 * store them (0 = ignore).
 *
 * @param height rows
 * @param width columns
 * @param classCount K (decides 8- or 16-bit PNG)
 * @param labels row-major class ids {@code [height * width]}
 */
public record SemanticMap(int height, int width, int classCount, int[] labels) {
  /** Value of pixels no segment covers (ADE20K's "other / ignore"). */
  public static final int IGNORE = 0;

  /** Validates the size. */
  public SemanticMap {
    Preconditions.checkArgument(
        labels.length == height * width,
        "label map of %sx%s needs %s values, got %s",
        height,
        width,
        height * width,
        labels.length);
  }

  /**
   * Paints the map of an {@code height × width} image.
   *
   * @param masks the segments' masks over the whole image
   * @param probabilities each segment's class probabilities {@code [K]}, same order as masks
   */
  public static SemanticMap paint(
      int height, int width, List<BinaryMask> masks, List<double[]> probabilities) {
    Preconditions.checkArgument(
        masks.size() == probabilities.size(),
        "%s masks but %s probability vectors",
        masks.size(),
        probabilities.size());
    int k = probabilities.isEmpty() ? 0 : probabilities.get(0).length;
    for (int s = 0; s < masks.size(); s++) {
      BinaryMask m = masks.get(s);
      Preconditions.checkArgument(
          m.height() == height && m.width() == width,
          "mask %s is %sx%s, the image %sx%s",
          s,
          m.height(),
          m.width(),
          height,
          width);
      Preconditions.checkArgument(
          probabilities.get(s).length == k, "segment %s has a different class count", s);
    }
    int[] labels = new int[height * width];
    int[] covering = new int[masks.size()];
    int[] previous = new int[0];
    int previousLabel = IGNORE;
    double[] sum = new double[k];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int n = 0;
        for (int s = 0; s < masks.size(); s++) {
          if (masks.get(s).get(y, x)) {
            covering[n++] = s;
          }
        }
        int label;
        if (n == 0) {
          label = IGNORE;
        } else if (Arrays.equals(covering, 0, n, previous, 0, previous.length)) {
          label = previousLabel;
        } else {
          label = argmaxOfSum(covering, n, probabilities, sum) + 1;
          previous = Arrays.copyOf(covering, n);
          previousLabel = label;
        }
        labels[y * width + x] = label;
      }
    }
    return new SemanticMap(height, width, Math.max(k, 1), labels);
  }

  private static int argmaxOfSum(
      int[] covering, int n, List<double[]> probabilities, double[] sum) {
    Arrays.fill(sum, 0);
    for (int i = 0; i < n; i++) {
      double[] p = probabilities.get(covering[i]);
      for (int c = 0; c < sum.length; c++) {
        sum[c] += p[c];
      }
    }
    int best = 0;
    for (int c = 1; c < sum.length; c++) {
      if (sum[c] > sum[best]) {
        best = c;
      }
    }
    return best;
  }

  /** The class id at {@code (y, x)}. */
  public int get(int y, int x) {
    return labels[y * width + x];
  }

  /** Whether the map needs 16-bit PNG values (more than 255 classes). */
  public boolean sixteenBit() {
    return classCount > 255;
  }
}
