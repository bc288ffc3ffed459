package ai.use.jobs.label;

import ai.use.model.sam.amg.AmgOptions;
import java.io.Serializable;

/**
 * The mask-generation options the label job exposes (the rest keep SAM's defaults); serializable,
 * so the executors build the same {@link AmgOptions}.
 *
 * @param pointsPerSide prompt grid points along one side
 * @param predIouThresh keep masks whose predicted IoU is above this
 * @param stabilityScoreThresh keep masks whose stability score is at least this
 * @param boxNmsThresh box IoU cut-off of the NMS
 * @param minMaskRegionArea holes and islands smaller than this are removed (0: off)
 * @param pointsPerBatch prompts decoded together
 */
public record AmgFlags(
    int pointsPerSide,
    double predIouThresh,
    double stabilityScoreThresh,
    double boxNmsThresh,
    int minMaskRegionArea,
    int pointsPerBatch)
    implements Serializable {

  /**
   * Defaults that give masks on the toy SAM (SAM's own 0.88 / 0.95 thresholds keep none of the toy
   * decoder's masks): 8 points per side, predicted IoU above 0.5, stability at least 0.7 (about 10
   * s per 320 × 240 image on this shared 2-core machine, most of it the toy SAM encoder).
   */
  public static AmgFlags defaults() {
    return new AmgFlags(8, 0.5, 0.7, 0.7, 0, 64);
  }

  /** The validated generator options (fails naming the option). */
  public AmgOptions toOptions() {
    return AmgOptions.builder()
        .optPointsPerSide(pointsPerSide)
        .optPredIouThresh(predIouThresh)
        .optStabilityScoreThresh(stabilityScoreThresh)
        .optBoxNmsThresh(boxNmsThresh)
        .optMinMaskRegionArea(minMaskRegionArea)
        .optPointsPerBatch(pointsPerBatch)
        .build();
  }
}
