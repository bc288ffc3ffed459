package ai.use.model.sam;

import com.google.common.base.Preconditions;

/**
 * One prompt in ORIGINAL image coordinates: points with labels (1 foreground, 0 background) and/or
 * a box {@code [x0, y0, x1, y1]}. The decoder maps it into the 1024 frame, turns the box into two
 * corner points (labels 2, 3) and adds SAM's padding point (0, 0, label −1) to points-only prompts.
 *
 * @param pointsXy {@code [x0, y0, x1, y1, …]} (may be empty)
 * @param labels one label per point
 * @param boxXyxy the box, or null
 */
public record SamPrompt(double[] pointsXy, int[] labels, double[] boxXyxy) {
  public SamPrompt {
    Preconditions.checkArgument(pointsXy.length == 2 * labels.length, "need one label per point");
    Preconditions.checkArgument(boxXyxy == null || boxXyxy.length == 4, "a box has 4 coordinates");
    Preconditions.checkArgument(
        labels.length > 0 || boxXyxy != null, "a prompt needs a point or a box");
  }

  /** A box prompt. */
  public static SamPrompt box(double x0, double y0, double x1, double y1) {
    return new SamPrompt(new double[0], new int[0], new double[] {x0, y0, x1, y1});
  }

  /** A single foreground point. */
  public static SamPrompt point(double x, double y) {
    return new SamPrompt(new double[] {x, y}, new int[] {1}, null);
  }

  /** Number of decoder points this prompt becomes (box = 2 corners, padding point if no box). */
  int decoderPoints() {
    return labels.length + (boxXyxy != null ? 2 : 1);
  }
}
