package ai.use.common.coco;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.PolygonRasterizer;
import ai.use.common.mask.Rle;
import java.io.Serializable;
import java.util.List;

/**
 * The {@code segmentation} of a COCO annotation: compressed or uncompressed RLE, polygons, or an
 * invalid value kept with its reason (so one bad annotation becomes an errors row, not a failed
 * file).
 */
public sealed interface CocoSegmentation extends Serializable {

  /**
   * The mask as compressed RLE on an image of {@code height × width}.
   *
   * @throws IllegalArgumentException when the segmentation is invalid or does not fit the image
   */
  Rle toRle(int height, int width);

  /**
   * RLE as stored (compressed {@code counts} string; uncompressed lists are compressed on read).
   */
  record RleSegmentation(Rle rle) implements CocoSegmentation {
    @Override
    public Rle toRle(int height, int width) {
      if (rle.height() != height || rle.width() != width) {
        throw new IllegalArgumentException(
            "RLE size "
                + rle.height()
                + "x"
                + rle.width()
                + " differs from the image size "
                + height
                + "x"
                + width);
      }
      CocoRle.decode(rle); // validates that the runs cover the image exactly
      return rle;
    }
  }

  /** One or more polygons {@code [x0, y0, x1, y1, …]}, unioned. */
  record Polygons(List<double[]> polygons) implements CocoSegmentation {
    @Override
    public Rle toRle(int height, int width) {
      return PolygonRasterizer.rasterize(polygons, height, width);
    }
  }

  /** A segmentation that could not be parsed. */
  record Invalid(String reason) implements CocoSegmentation {
    @Override
    public Rle toRle(int height, int width) {
      throw new IllegalArgumentException(reason);
    }
  }
}
