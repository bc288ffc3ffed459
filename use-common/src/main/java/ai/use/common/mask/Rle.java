package ai.use.common.mask;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * A mask in COCO's compressed run-length encoding: the image size and the {@code counts} string
 * (runs over the mask in column-major order, starting with a run of zeros), exactly as pycocotools'
 * {@code mask.encode} writes it. This is how every table stores masks.
 *
 * @param height mask height in pixels (COCO {@code size[0]})
 * @param width mask width in pixels (COCO {@code size[1]})
 * @param counts the compressed counts string
 */
public record Rle(int height, int width, String counts) implements Serializable {
  public Rle {
    Preconditions.checkArgument(
        height >= 0 && width >= 0, "RLE size must be non-negative, got %sx%s", height, width);
    Preconditions.checkNotNull(counts, "counts");
  }
}
