package ai.use.model.sam.amg;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * SAM's {@code generate_crop_boxes}: layer 0 is the whole image; layer {@code i >= 1} has {@code n
 * = 2^i} crops per side that overlap by {@code int(overlapRatio * min(h, w) * (2 / n))} pixels.
 */
public final class CropBoxes {
  private CropBoxes() {}

  /**
   * The crop boxes of every layer, in SAM's order: the whole image, then per layer the crops with
   * {@code x0} in the outer and {@code y0} in the inner loop ({@code product(x0s, y0s)}).
   *
   * <p>Per layer: {@code crop_w = ceil((overlap * (n - 1) + w) / n)} (likewise {@code crop_h}),
   * {@code x0 = (crop_w - overlap) * j}, {@code x1 = min(x0 + crop_w, w)}.
   *
   * @param imageHeight image height in pixels, {@code >= 1}
   * @param imageWidth image width in pixels, {@code >= 1}
   * @param nLayers crop layers after layer 0, {@code >= 0}
   * @param overlapRatio SAM's {@code crop_overlap_ratio}, in {@code [0, 1)}
   */
  public static List<CropBox> generate(
      int imageHeight, int imageWidth, int nLayers, double overlapRatio) {
    Preconditions.checkArgument(
        imageHeight >= 1 && imageWidth >= 1,
        "image size must be positive, got height=%s width=%s",
        imageHeight,
        imageWidth);
    Preconditions.checkArgument(nLayers >= 0, "crop layers must be >= 0, got %s", nLayers);
    Preconditions.checkArgument(
        overlapRatio >= 0 && overlapRatio < 1,
        "crop overlap ratio must be in [0, 1), got %s",
        overlapRatio);
    int shortSide = Math.min(imageHeight, imageWidth);
    List<CropBox> boxes = new ArrayList<>();
    boxes.add(new CropBox(0, 0, imageWidth, imageHeight, 0));
    for (int layer = 1; layer <= nLayers; layer++) {
      int n = 1 << layer;
      int overlap = (int) (overlapRatio * shortSide * (2.0 / n));
      int cropW = cropLength(imageWidth, n, overlap);
      int cropH = cropLength(imageHeight, n, overlap);
      for (int i = 0; i < n; i++) {
        int x0 = (cropW - overlap) * i;
        for (int j = 0; j < n; j++) {
          int y0 = (cropH - overlap) * j;
          Preconditions.checkArgument(
              x0 < imageWidth && y0 < imageHeight,
              "image %sx%s is too small for %s crop layers (layer %s starts a crop at x=%s y=%s)",
              imageWidth,
              imageHeight,
              nLayers,
              layer,
              x0,
              y0);
          boxes.add(
              new CropBox(
                  x0,
                  y0,
                  Math.min(x0 + cropW, imageWidth),
                  Math.min(y0 + cropH, imageHeight),
                  layer));
        }
      }
    }
    return boxes;
  }

  /** SAM's {@code crop_len}: {@code ceil((overlap * (n - 1) + length) / n)}. */
  static int cropLength(int length, int nCrops, int overlap) {
    return (int) Math.ceil((double) ((long) overlap * (nCrops - 1) + length) / nCrops);
  }
}
