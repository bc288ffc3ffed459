package ai.use.model.spec;

import java.io.Serializable;

/**
 * Per-channel pixel normalization: {@code (pixel * scale / 255 - mean) / std} for 8-bit pixels,
 * channels in RGB order.
 *
 * @param mean per-channel mean (RGB)
 * @param std per-channel standard deviation (RGB)
 * @param scale the pixel range the mean/std refer to: 1 for 0..1 values (CLIP, DINOv2), 255 for
 *     0..255 values (SAM)
 */
public record Normalization(float[] mean, float[] std, float scale) implements Serializable {
  /** CLIP's normalization on 0..1 pixels. */
  public static final Normalization CLIP =
      new Normalization(
          new float[] {0.48145466f, 0.4578275f, 0.40821073f},
          new float[] {0.26862954f, 0.26130258f, 0.27577711f},
          1f);

  /** ImageNet's normalization (DINOv2) on 0..1 pixels. */
  public static final Normalization IMAGENET =
      new Normalization(
          new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}, 1f);

  /** SAM's normalization on 0..255 pixels. */
  public static final Normalization SAM =
      new Normalization(
          new float[] {123.675f, 116.28f, 103.53f}, new float[] {58.395f, 57.12f, 57.375f}, 255f);
}
