package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;
import java.util.Arrays;

/**
 * A mask in the form chosen by {@link AmgOptions.OutputMode}: a binary mask or COCO compressed RLE
 * (as SAM's {@code coco_encode_rle}, i.e. pycocotools).
 */
public sealed interface Segmentation
    permits Segmentation.Binary, Segmentation.Uncompressed, Segmentation.Coco {

  /** The mask in the form the output mode asks for. */
  static Segmentation of(BinaryMask mask, AmgOptions.OutputMode mode) {
    Preconditions.checkNotNull(mode, "output mode");
    return switch (mode) {
      case BINARY_MASK -> new Binary(mask);
      case UNCOMPRESSED_RLE -> new Uncompressed(mask.height(), mask.width(), CocoRle.runs(mask));
      case COCO_RLE -> new Coco(CocoRle.encode(mask));
    };
  }

  /**
   * SAM's {@code binary_mask} output.
   *
   * @param mask the mask over the whole image
   */
  record Binary(BinaryMask mask) implements Segmentation {
    /** Checks the mask is present. */
    public Binary {
      Preconditions.checkNotNull(mask, "mask");
    }
  }

  /**
   * SAM's {@code uncompressed_rle} output ({@code mask_to_rle_pytorch}): {@code {"size": [h, w],
   * "counts": [...]}} with runs over the mask in column-major order, the first run counting unset
   * pixels (0 when the first pixel is set).
   *
   * @param height mask height
   * @param width mask width
   * @param counts the runs (compared by value)
   */
  record Uncompressed(int height, int width, long[] counts) implements Segmentation {
    /** Checks the runs are present and copies them. */
    public Uncompressed {
      Preconditions.checkNotNull(counts, "counts");
      counts = counts.clone();
    }

    /** The runs (a copy). */
    @Override
    public long[] counts() {
      return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Uncompressed u
          && u.height == height
          && u.width == width
          && Arrays.equals(u.counts, counts);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
      return "Uncompressed[" + height + "x" + width + ", counts=" + Arrays.toString(counts) + "]";
    }
  }

  /**
   * SAM's {@code coco_rle} output.
   *
   * @param rle the mask over the whole image in COCO compressed RLE
   */
  record Coco(Rle rle) implements Segmentation {
    /** Checks the RLE is present. */
    public Coco {
      Preconditions.checkNotNull(rle, "rle");
    }
  }
}
