package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;

/**
 * A mask in the form chosen by {@link AmgOptions.OutputMode}: a binary mask or COCO compressed RLE
 * (as SAM's {@code coco_encode_rle}, i.e. pycocotools).
 */
public sealed interface Segmentation permits Segmentation.Binary, Segmentation.Coco {

  /** The mask in the form the output mode asks for. */
  static Segmentation of(BinaryMask mask, AmgOptions.OutputMode mode) {
    Preconditions.checkNotNull(mode, "output mode");
    return switch (mode) {
      case BINARY_MASK -> new Binary(mask);
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
