package ai.use.model.head;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * The USE head's shape and ablation switches.
 *
 * @param dims widths of the frozen inputs and the text width D
 * @param hiddenWidth H, the common width every (backbone, block) and CLS path is projected to
 * @param useClip whether the CLIP image blocks (and, with {@code useCls}, CLIP's CLS) feed the head
 * @param useDino whether the DINOv2 blocks (and, with {@code useCls}, DINOv2's CLS) feed the head
 * @param useCls whether the CLS path of each used backbone feeds the head
 */
public record HeadConfig(
    HeadDims dims, int hiddenWidth, boolean useClip, boolean useDino, boolean useCls)
    implements Serializable {

  /** H of the real head (CLIP ViT-L/14's text width). */
  public static final int DEFAULT_HIDDEN_WIDTH = 768;

  public HeadConfig {
    Preconditions.checkNotNull(dims, "dims");
    Preconditions.checkArgument(
        hiddenWidth > 0, "head hidden width must be positive, got %s", hiddenWidth);
    Preconditions.checkArgument(
        useClip || useDino,
        "the head needs at least one backbone: useClip and useDino are both false");
  }

  /** The full head (both backbones, CLS path) of width {@code hiddenWidth}. */
  public static HeadConfig full(HeadDims dims, int hiddenWidth) {
    return new HeadConfig(dims, hiddenWidth, true, true, true);
  }
}
