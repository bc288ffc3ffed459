package ai.use.model.sam.amg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.use.model.sam.MaskLogits;
import ai.use.model.sam.SamDecoding;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The part of SAM's {@code _process_batch} that touches logits, run inside libtorch; only the
 * survivors' binary masks are copied to Java ({@link DecodedBatch}).
 *
 * <p>In SAM's order: pick the masks (multimask output: decoder masks 1–3, else mask 0); keep those
 * with {@code predicted_iou > pred_iou_thresh} (when that is {@code > 0}; decided on the {@code [P,
 * K]} IoU values, before any upscaling); upscale the kept low-res logits to the crop ({@link
 * MaskLogits#upscale}); keep those with {@code stability_score >= stability_score_thresh} (when
 * that is {@code > 0}); threshold at {@code > mask_threshold}; copy. As in torch, thresholds are
 * compared in float32: {@code iou > (float) thresh}.
 *
 * <p><b>Memory bound.</b> The kept masks are upscaled in chunks of at most {@link
 * AmgOptions#upscaleChunk()} masks, each chunk in its own sub-manager closed before the next one
 * starts: no more than {@code upscaleChunk} masks exist at or near crop resolution at any time. Per
 * mask the peak is the resampling's compact intermediate and its two gathered copies, about {@code
 * 3 × 4 B × min(2H, 1024) × min(2W, 1024)} (3.5 MiB for a 320 × 240 crop, so ≈ 28 MiB for a chunk
 * of 8); SAM's full 1024 × 1024 intermediate is never built ({@link
 * ai.use.model.image.NativeBilinear#resizeCropResize}). The decoder's own output ({@code [P, 4,
 * 256, 256]} float32) lives in the caller's per-batch manager.
 */
public final class SurvivorFilter {
  private SurvivorFilter() {}

  /** Brings chosen masks to crop resolution: rows of the batch → float32 {@code [c, H, W]}. */
  @FunctionalInterface
  interface Upscaler {
    /**
     * @param rows indices into the batch's {@code [P * K]} masks, ascending
     * @param manager where the result must live
     */
    NDArray upscale(long[] rows, NDManager manager);
  }

  /**
   * Filters one decoder batch of a crop; the crop's size is the decoding's original size.
   *
   * @param out the decoder output, logits in libtorch
   * @param options thresholds, multimask output and the chunk bound
   * @return the survivors at crop resolution
   */
  public static DecodedBatch apply(SamDecoding out, AmgOptions options) {
    Preconditions.checkArgument(
        out.masks() == 4, "SAM decoder output needs 4 masks per prompt, got %s", out.masks());
    int first = options.multimaskOutput() ? 1 : 0;
    int k = options.multimaskOutput() ? 3 : 1;
    int prompts = out.prompts();
    float[] iou = new float[prompts * k];
    for (int p = 0; p < prompts; p++) {
      for (int j = 0; j < k; j++) {
        iou[p * k + j] = out.iou(p, first + j);
      }
    }
    int size = out.size();
    NDArray flat = out.logits().reshape(new Shape((long) prompts * out.masks(), size, size));
    Upscaler upscaler =
        (rows, manager) -> {
          long[] decoderRows = new long[rows.length];
          for (int i = 0; i < rows.length; i++) {
            decoderRows[i] = (rows[i] / k) * out.masks() + first + rows[i] % k;
          }
          NDArray lowRes = flat.get(new NDIndex("{}", manager.create(decoderRows)));
          lowRes.attach(manager);
          return MaskLogits.upscale(lowRes, out.geometry());
        };
    return filter(
        iou,
        prompts,
        k,
        out.geometry().height(),
        out.geometry().width(),
        options,
        upscaler,
        out.logits().getManager());
  }

  /**
   * Filters masks whose logits are already at crop resolution (a decoder that upscales by itself,
   * or a test's fake model); otherwise as {@link #apply(SamDecoding, AmgOptions)}.
   *
   * @param logits float32 {@code [P * K, H, W]}, prompt-major
   * @param iouPreds predicted IoU {@code [P * K]}
   * @param masksPerPoint {@code K}
   */
  public static DecodedBatch applyUpscaled(
      NDArray logits, float[] iouPreds, int masksPerPoint, AmgOptions options) {
    Shape s = logits.getShape();
    Preconditions.checkArgument(
        s.dimension() == 3 && s.get(0) == iouPreds.length,
        "logits %s do not hold %s masks [M, H, W]",
        s,
        iouPreds.length);
    Preconditions.checkArgument(
        masksPerPoint >= 1 && iouPreds.length % masksPerPoint == 0,
        "%s IoU values do not split into %s masks per point",
        iouPreds.length,
        masksPerPoint);
    Upscaler rowsOf =
        (rows, manager) -> {
          NDArray chosen = logits.get(new NDIndex("{}", manager.create(rows)));
          chosen.attach(manager);
          return chosen;
        };
    return filter(
        iouPreds,
        iouPreds.length / masksPerPoint,
        masksPerPoint,
        (int) s.get(1),
        (int) s.get(2),
        options,
        rowsOf,
        logits.getManager());
  }

  /** The masks that pass the predicted-IoU filter, in input order. */
  static int[] passingIou(float[] iouPreds, double predIouThresh) {
    if (predIouThresh <= 0) {
      return java.util.stream.IntStream.range(0, iouPreds.length).toArray();
    }
    float thresh = (float) predIouThresh;
    return java.util.stream.IntStream.range(0, iouPreds.length)
        .filter(i -> iouPreds[i] > thresh)
        .toArray();
  }

  /** The chunks of {@code kept}, at most {@code chunk} indices each. */
  static List<long[]> chunks(int[] kept, int chunk) {
    List<long[]> out = new ArrayList<>();
    for (BatchIterator.Range r : BatchIterator.ranges(kept.length, chunk)) {
      out.add(Arrays.stream(kept, r.start(), r.end()).asLongStream().toArray());
    }
    return out;
  }

  /** The IoU filter, then per chunk of at most {@code upscaleChunk} masks the rest. */
  static DecodedBatch filter(
      float[] iouPreds,
      int prompts,
      int k,
      int height,
      int width,
      AmgOptions options,
      Upscaler upscaler,
      NDManager parent) {
    float stabilityThresh = (float) options.stabilityScoreThresh();
    List<DecodedBatch.Survivor> survivors = new ArrayList<>();
    for (long[] rows :
        chunks(passingIou(iouPreds, options.predIouThresh()), options.upscaleChunk())) {
      try (NDManager chunk = parent.newSubManager()) {
        NDArray logits = upscaler.upscale(rows, chunk);
        double[] stability =
            MaskLogits.stabilityScores(
                logits, options.maskThreshold(), options.stabilityScoreOffset());
        for (int i = 0; i < rows.length; i++) {
          float score = (float) stability[i];
          if (options.stabilityScoreThresh() > 0 && !(score >= stabilityThresh)) {
            continue;
          }
          int row = (int) rows[i];
          survivors.add(
              new DecodedBatch.Survivor(
                  row,
                  iouPreds[row],
                  score,
                  MaskLogits.binaryMask(logits, i, options.maskThreshold())));
        }
      }
    }
    return new DecodedBatch(prompts, k, height, width, survivors);
  }
}
