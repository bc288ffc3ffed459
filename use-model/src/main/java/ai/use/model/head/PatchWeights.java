package ai.use.model.head;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.model.image.Geometry;
import com.google.common.base.Preconditions;

/**
 * The one function that turns a segment mask into patch weights, shared by the {@code features} job
 * (training) and {@code UseEmbedder} (inference).
 *
 * <p>The mask is given on the <em>original</em> image ({@code height × width}, as the pairs and
 * segments tables store it). It is mapped into the model input frame exactly as the preprocessing
 * maps the image ({@link Geometry}: scaled by {@code resizedWidth / width} and {@code resizedHeight
 * / height}, content at the top-left, padding bottom/right; never cropped): original pixel {@code
 * (y, x)} covers the input-frame rectangle {@code [x·sx, (x+1)·sx) × [y·sy, (y+1)·sy)}. Patch
 * {@code (py, px)} covers {@code [px·P, (px+1)·P) × [py·P, (py+1)·P)} with {@code P = inputSize /
 * grid}. A patch's weight is the area of the mask inside it; the weights are then divided by their
 * sum, so they sum to 1. Patches in the padding get 0.
 *
 * <p>Result: {@code float[grid * grid]}, row-major over the patch grid (the token order after CLS).
 */
public final class PatchWeights {
  private PatchWeights() {}

  /** Weights of a compressed-RLE mask of the original image. */
  public static float[] of(Rle mask, Geometry geometry, int grid) {
    checkSize(mask.height(), mask.width(), geometry);
    long[] runs;
    try {
      runs = CocoRle.stringToCounts(mask.counts());
    } catch (RuntimeException e) {
      throw new MaskWeightException("mask RLE counts cannot be decoded: " + e.getMessage());
    }
    return fromRuns(runs, geometry, grid);
  }

  /** Weights of a binary mask of the original image. */
  public static float[] of(BinaryMask mask, Geometry geometry, int grid) {
    checkSize(mask.height(), mask.width(), geometry);
    return fromRuns(CocoRle.runs(mask), geometry, grid);
  }

  private static void checkSize(int height, int width, Geometry g) {
    if (height != g.height() || width != g.width()) {
      throw new MaskWeightException(
          "mask is "
              + height
              + "x"
              + width
              + " but the image is "
              + g.height()
              + "x"
              + g.width()
              + ": a segment mask must cover the whole original image");
    }
  }

  /** Column-major runs (zeros first, alternating), as COCO RLE. */
  private static float[] fromRuns(long[] runs, Geometry g, int grid) {
    Preconditions.checkArgument(grid > 0, "patch grid must be positive, got %s", grid);
    Preconditions.checkArgument(
        g.inputSize() % grid == 0,
        "input size %s is not a multiple of the patch grid %s",
        g.inputSize(),
        grid);
    int h = g.height();
    long total = (long) h * g.width();
    double patch = (double) g.inputSize() / grid;
    double sx = (double) g.resizedWidth() / g.width();
    double sy = (double) g.resizedHeight() / g.height();
    double[] area = new double[grid * grid];
    long pos = 0;
    for (int i = 0; i < runs.length; i++) {
      if (runs[i] < 0) {
        throw new MaskWeightException("mask RLE has a negative run at index " + i);
      }
      long end = pos + runs[i];
      if (end > total) {
        throw new MaskWeightException(
            "mask RLE runs cover " + end + " pixels but the mask has only " + total);
      }
      if (i % 2 == 1) {
        addOnes(pos, end, h, sx, sy, patch, grid, area);
      }
      pos = end;
    }
    if (pos != total) {
      throw new MaskWeightException(
          "mask RLE runs cover " + pos + " pixels but the mask has " + total);
    }
    double sum = 0;
    for (double a : area) {
      sum += a;
    }
    if (!(sum > 0)) {
      throw new MaskWeightException(
          "mask of "
              + g.height()
              + "x"
              + g.width()
              + " has no pixel inside the image (area 0): an empty segment has no features");
    }
    float[] w = new float[area.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (area[i] / sum);
    }
    return w;
  }

  /** Adds the set pixels {@code [start, end)} (column-major) to the patch areas. */
  private static void addOnes(
      long start, long end, int h, double sx, double sy, double patch, int grid, double[] area) {
    long pos = start;
    while (pos < end) {
      int x = (int) (pos / h);
      int y0 = (int) (pos % h);
      int y1 = (int) Math.min(end - (long) x * h, h);
      double ax = x * sx;
      double bx = (x + 1) * sx;
      double ay = y0 * sy;
      double by = y1 * sy;
      int px0 = (int) Math.floor(ax / patch);
      int px1 = Math.min(grid - 1, (int) Math.ceil(bx / patch) - 1);
      int py0 = (int) Math.floor(ay / patch);
      int py1 = Math.min(grid - 1, (int) Math.ceil(by / patch) - 1);
      for (int py = py0; py <= py1; py++) {
        double oy = overlap(ay, by, py * patch, (py + 1) * patch);
        if (oy <= 0) {
          continue;
        }
        for (int px = px0; px <= px1; px++) {
          double ox = overlap(ax, bx, px * patch, (px + 1) * patch);
          if (ox > 0) {
            area[py * grid + px] += ox * oy;
          }
        }
      }
      pos = (long) x * h + y1;
    }
  }

  private static double overlap(double a0, double a1, double b0, double b1) {
    return Math.min(a1, b1) - Math.max(a0, b0);
  }
}
