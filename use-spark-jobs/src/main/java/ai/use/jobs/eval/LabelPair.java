package ai.use.jobs.eval;

import java.io.Serializable;

/**
 * A ground-truth label map and the prediction for the same image.
 *
 * @param key relative path without extension, e.g. {@code heldout/toy_heldout_00003}
 * @param groundTruth URI of the ground-truth map
 * @param prediction URI of the predicted map
 */
public record LabelPair(String key, String groundTruth, String prediction)
    implements Serializable {}
