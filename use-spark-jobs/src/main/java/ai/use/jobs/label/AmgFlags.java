package ai.use.jobs.label;

import ai.use.model.sam.amg.AmgOptions;
import java.io.Serializable;
import java.util.Locale;

/**
 * The mask-generation options the label job exposes: a preset plus overrides (the rest keep SAM's
 * defaults); serializable, so the executors build the same {@link AmgOptions}.
 *
 * @param preset {@code toy} ({@link AmgOptions#toyPreset()}: 16 points per side, SAM's single-mask
 *     output, predicted IoU above 0.8, stability at least 0.9 — SAM's own thresholds keep none of
 *     the toy decoder's masks) or {@code sam} (SAM's reference defaults, for real SAM checkpoints)
 * @param pointsPerSide prompt grid points along one side; null: the preset's
 * @param predIouThresh keep masks whose predicted IoU is above this; null: the preset's
 * @param stabilityScoreThresh keep masks whose stability score is at least this; null: the preset's
 * @param boxNmsThresh box IoU cut-off of the NMS; null: the preset's
 * @param minMaskRegionArea holes and islands smaller than this are removed (0: off); null: the
 *     preset's
 * @param multimaskOutput decode SAM's three multimask outputs instead of its single-mask output;
 *     null: the preset's
 * @param pointsPerBatch prompts decoded together
 */
public record AmgFlags(
    String preset,
    Integer pointsPerSide,
    Double predIouThresh,
    Double stabilityScoreThresh,
    Double boxNmsThresh,
    Integer minMaskRegionArea,
    Boolean multimaskOutput,
    int pointsPerBatch)
    implements Serializable {

  /** The presets' names. */
  public static final String TOY = "toy";

  /** SAM's reference defaults. */
  public static final String SAM = "sam";

  /** Checks the preset name. */
  public AmgFlags {
    preset = preset == null ? TOY : preset.toLowerCase(Locale.ROOT);
    if (!preset.equals(TOY) && !preset.equals(SAM)) {
      throw new IllegalArgumentException(
          "--amg-preset " + preset + " is not known; use toy (the toy zoo) or sam (real SAM)");
    }
  }

  /** The toy preset, no overrides. */
  public static AmgFlags defaults() {
    return preset(TOY);
  }

  /** A preset without overrides. */
  public static AmgFlags preset(String name) {
    return new AmgFlags(name, null, null, null, null, null, null, 64);
  }

  /** The validated generator options (fails naming the option). */
  public AmgOptions toOptions() {
    AmgOptions.Builder b =
        preset.equals(TOY) ? AmgOptions.toyPresetBuilder() : AmgOptions.builder();
    if (pointsPerSide != null) {
      b.optPointsPerSide(pointsPerSide);
    }
    if (predIouThresh != null) {
      b.optPredIouThresh(predIouThresh);
    }
    if (stabilityScoreThresh != null) {
      b.optStabilityScoreThresh(stabilityScoreThresh);
    }
    if (boxNmsThresh != null) {
      b.optBoxNmsThresh(boxNmsThresh);
    }
    if (minMaskRegionArea != null) {
      b.optMinMaskRegionArea(minMaskRegionArea);
    }
    if (multimaskOutput != null) {
      b.optMultimaskOutput(multimaskOutput);
    }
    return b.optPointsPerBatch(pointsPerBatch).build();
  }
}
