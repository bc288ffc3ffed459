package ai.use.model.sam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Box- and point-prompted prediction (SAM's {@code SamPredictor.set_image} + {@code predict}) with
 * SAM's post-processing: the image is encoded once, all prompts are decoded in one batch, the
 * chosen mask's low-res logits {@code [256, 256]} are upscaled bilinearly to the original image
 * inside libtorch ({@link MaskLogits#upscale}, equal to {@link SamOutput#originalLogits}),
 * thresholded at {@code logit > maskThreshold}, and scored with SAM's stability score. The chosen
 * mask is decoder mask 0 (single-mask output) or, with multimask output, the one of masks 1–3 with
 * the highest predicted IoU (the first on ties).
 */
public final class SamPredictor {
  /** Prompts whose chosen masks are at full resolution at once. */
  static final int CHUNK = 8;

  private final SamEncoder encoder;
  private final SamDecoder decoder;
  private final boolean multimaskOutput;
  private final double maskThreshold;
  private final double stabilityOffset;

  /** One prompt's result. */
  public record Prediction(
      BinaryMask mask, float predictedIou, double stabilityScore, int maskIndex) {}

  /**
   * @param encoder the image encoder
   * @param decoder the prompt decoder
   * @param multimaskOutput choose among decoder masks 1–3 (SAM's advice for ambiguous single
   *     points) instead of taking mask 0 (SAM's advice for boxes)
   * @param maskThreshold logit threshold (SAM: 0)
   * @param stabilityOffset stability score offset (SAM: 1)
   */
  public SamPredictor(
      SamEncoder encoder,
      SamDecoder decoder,
      boolean multimaskOutput,
      double maskThreshold,
      double stabilityOffset) {
    this.encoder = Preconditions.checkNotNull(encoder, "encoder");
    this.decoder = Preconditions.checkNotNull(decoder, "decoder");
    Preconditions.checkArgument(
        Double.isFinite(maskThreshold), "mask threshold must be finite, got %s", maskThreshold);
    Preconditions.checkArgument(
        Double.isFinite(stabilityOffset) && stabilityOffset >= 0,
        "stability offset must be finite and >= 0, got %s",
        stabilityOffset);
    this.multimaskOutput = multimaskOutput;
    this.maskThreshold = maskThreshold;
    this.stabilityOffset = stabilityOffset;
  }

  /** A predictor with SAM's defaults for boxes: single-mask output, threshold 0, offset 1. */
  public static SamPredictor forBoxes(SamEncoder encoder, SamDecoder decoder) {
    return new SamPredictor(encoder, decoder, false, 0, 1);
  }

  /**
   * One prediction per box {@code [x0, y0, x1, y1]} in original image pixels.
   *
   * @param image a {@code TYPE_3BYTE_BGR} image
   * @param boxesXyxy the boxes
   * @param manager parent of the per-call native memory (closed before returning)
   */
  public List<Prediction> predictBoxes(
      BufferedImage image, List<double[]> boxesXyxy, NDManager manager) {
    List<SamPrompt> prompts = new ArrayList<>(boxesXyxy.size());
    for (double[] b : boxesXyxy) {
      Preconditions.checkArgument(
          b != null && b.length == 4,
          "a box is [x0, y0, x1, y1], got %s",
          java.util.Arrays.toString(b));
      prompts.add(SamPrompt.box(b[0], b[1], b[2], b[3]));
    }
    return predict(image, prompts, manager);
  }

  /**
   * One prediction per prompt (points and/or a box, original image pixels), in prompt order; an
   * empty list runs no model. The chosen masks are upscaled, scored and thresholded inside
   * libtorch, {@value #CHUNK} at a time; only their binary masks are copied to Java.
   */
  public List<Prediction> predict(BufferedImage image, List<SamPrompt> prompts, NDManager manager) {
    if (prompts.isEmpty()) {
      return List.of();
    }
    try (NDManager m = manager.newSubManager()) {
      SamDecoding out = decoder.decode(encoder.encode(image, m), prompts, m);
      int masks = out.masks();
      int size = out.size();
      NDArray flat = out.logits().reshape(new Shape((long) out.prompts() * masks, size, size));
      List<Prediction> predictions = new ArrayList<>(prompts.size());
      for (int from = 0; from < prompts.size(); from += CHUNK) {
        int to = Math.min(prompts.size(), from + CHUNK);
        int[] chosen = new int[to - from];
        long[] rows = new long[to - from];
        for (int p = from; p < to; p++) {
          chosen[p - from] = choose(out, p);
          rows[p - from] = (long) p * masks + chosen[p - from];
        }
        try (NDManager chunk = m.newSubManager()) {
          NDArray lowRes = flat.get(new NDIndex("{}", chunk.create(rows)));
          lowRes.attach(chunk);
          NDArray logits = MaskLogits.upscale(lowRes, out.geometry());
          double[] stability = MaskLogits.stabilityScores(logits, maskThreshold, stabilityOffset);
          for (int i = 0; i < rows.length; i++) {
            predictions.add(
                new Prediction(
                    MaskLogits.binaryMask(logits, i, maskThreshold),
                    out.iou(from + i, chosen[i]),
                    stability[i],
                    chosen[i]));
          }
        }
      }
      return predictions;
    }
  }

  /** Mask 0, or the first of masks 1–3 with the highest predicted IoU. */
  int choose(SamDecoding out, int p) {
    if (!multimaskOutput) {
      return 0;
    }
    int best = 1;
    for (int m = 2; m < out.masks(); m++) {
      if (out.iou(p, m) > out.iou(p, best)) {
        best = m;
      }
    }
    return best;
  }
}
