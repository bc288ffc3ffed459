package ai.use.model.head;

import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * The widths the USE head is built for: what the frozen backbones give and where it maps to.
 *
 * @param clipBlocks Kc, selected CLIP image blocks
 * @param clipWidth Cc, CLIP image hidden width
 * @param dinoBlocks Kd, selected DINOv2 blocks
 * @param dinoWidth Cd, DINOv2 hidden width
 * @param textWidth D, CLIP text embedding width (the head's output)
 */
public record HeadDims(int clipBlocks, int clipWidth, int dinoBlocks, int dinoWidth, int textWidth)
    implements Serializable {
  public HeadDims {
    Preconditions.checkArgument(
        clipBlocks > 0 && clipWidth > 0 && dinoBlocks > 0 && dinoWidth > 0 && textWidth > 0,
        "head dims must all be positive, got clip %sx%s, dinov2 %sx%s, text %s",
        clipBlocks,
        clipWidth,
        dinoBlocks,
        dinoWidth,
        textWidth);
  }

  /** The dims the three frozen models' sidecars describe. */
  public static HeadDims of(Sidecar clipImage, Sidecar dinov2, Sidecar clipText) {
    Preconditions.checkArgument(
        clipImage.role() == ModelRole.CLIP_IMAGE, "not a clip-image sidecar: %s", clipImage.role());
    Preconditions.checkArgument(
        dinov2.role() == ModelRole.DINOV2, "not a dinov2 sidecar: %s", dinov2.role());
    Preconditions.checkArgument(
        clipText.role() == ModelRole.CLIP_TEXT, "not a clip-text sidecar: %s", clipText.role());
    return new HeadDims(
        clipImage.selectedBlocks().length,
        clipImage.hiddenWidth(),
        dinov2.selectedBlocks().length,
        dinov2.hiddenWidth(),
        clipText.outputWidth());
  }
}
