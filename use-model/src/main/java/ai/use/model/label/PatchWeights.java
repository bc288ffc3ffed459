package ai.use.model.label;

import ai.use.common.mask.BinaryMask;
import ai.use.model.image.Geometry;
import com.google.common.base.Preconditions;

/**
 * TEMPORARY until the head package's shared PatchWeights is merged: a patch's weight is the share
 * of the mask's area (mapped into the model input frame, content top-left, never cropped) inside
 * it; weights sum to 1. Result {@code [grid * grid]}, row-major.
 */
final class PatchWeights {
  private PatchWeights() {}

  static float[] of(BinaryMask mask, Geometry g, int grid) {
    Preconditions.checkArgument(
        mask.height() == g.height() && mask.width() == g.width(), "mask size differs from image");
    double patch = (double) g.inputSize() / grid;
    double sx = (double) g.resizedWidth() / g.width();
    double sy = (double) g.resizedHeight() / g.height();
    double[] area = new double[grid * grid];
    double total = 0;
    for (int y = 0; y < g.height(); y++) {
      for (int x = 0; x < g.width(); x++) {
        if (!mask.get(y, x)) {
          continue;
        }
        int px = Math.min(grid - 1, (int) ((x + 0.5) * sx / patch));
        int py = Math.min(grid - 1, (int) ((y + 0.5) * sy / patch));
        area[py * grid + px] += 1;
        total += 1;
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("empty segment mask: it has no features");
    }
    float[] w = new float[area.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) (area[i] / total);
    }
    return w;
  }
}
