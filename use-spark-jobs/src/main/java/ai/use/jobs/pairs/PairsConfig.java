package ai.use.jobs.pairs;

import ai.use.common.config.ModelKeys;
import ai.use.common.config.PairsKeys;
import ai.use.model.pairs.MaskChoice;
import java.io.Serializable;
import java.util.Map;

/**
 * The model pipeline's settings, read and validated on the driver before any Spark action.
 *
 * @param grounderUri {@code spark.use.model.grounder}
 * @param samEncoderUri {@code spark.use.model.samEncoder}
 * @param samDecoderUri {@code spark.use.model.samDecoder}
 * @param boxThreshold {@link PairsKeys#BOX_THRESHOLD}
 * @param partBoxThreshold {@link PairsKeys#PART_BOX_THRESHOLD}
 * @param boxesPerPhrase {@link PairsKeys#BOXES_PER_PHRASE}
 * @param boxNmsIou {@link PairsKeys#BOX_NMS_IOU}
 * @param maskChoice {@link PairsKeys#MASK_CHOICE}
 * @param maskNmsIou {@link PairsKeys#MASK_NMS_IOU}
 * @param partInsideParent {@link PairsKeys#PART_INSIDE_PARENT}
 * @param promptBatch {@link PairsKeys#PROMPT_BATCH}
 * @param phraseBatch {@link PairsKeys#PHRASE_BATCH}
 */
public record PairsConfig(
    String grounderUri,
    String samEncoderUri,
    String samDecoderUri,
    double boxThreshold,
    double partBoxThreshold,
    int boxesPerPhrase,
    double boxNmsIou,
    MaskChoice maskChoice,
    double maskNmsIou,
    double partInsideParent,
    int promptBatch,
    int phraseBatch)
    implements Serializable {

  /** Reads and validates every key; throws naming the first bad one. */
  public static PairsConfig from(Map<String, String> properties) {
    return new PairsConfig(
        ModelKeys.GROUNDER.read(properties),
        ModelKeys.SAM_ENCODER.read(properties),
        ModelKeys.SAM_DECODER.read(properties),
        PairsKeys.BOX_THRESHOLD.read(properties),
        PairsKeys.PART_BOX_THRESHOLD.read(properties),
        PairsKeys.BOXES_PER_PHRASE.read(properties),
        PairsKeys.BOX_NMS_IOU.read(properties),
        MaskChoice.of(PairsKeys.MASK_CHOICE.read(properties)),
        PairsKeys.MASK_NMS_IOU.read(properties),
        PairsKeys.PART_INSIDE_PARENT.read(properties),
        PairsKeys.PROMPT_BATCH.read(properties),
        PairsKeys.PHRASE_BATCH.read(properties));
  }
}
