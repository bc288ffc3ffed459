package ai.use.model.zoo;

/**
 * The toy zoo's behaviour on the held-out toy world, measured through the Java adapters.
 *
 * @param objects held-out objects evaluated (box ≥ 64 px on one side)
 * @param samBoxPassRate share with IoU ≥ 0.85 from the tight box (chosen mask = highest predicted
 *     IoU)
 * @param samJitterPassRate share with IoU ≥ 0.75 from a box jittered by ±10 % of its size (4 draws
 *     per object)
 * @param samPointPassRate share with IoU ≥ 0.75 from the deepest interior point
 * @param predictedIouSpearman rank correlation of predicted and true IoU over all mask outputs
 * @param objectPhrases object referring expressions grounded
 * @param grounderObjectPassRate share of object phrases whose best box has IoU ≥ 0.5
 * @param partPhrases part referring expressions grounded
 * @param grounderPartPassRate share of part phrases whose best box has IoU ≥ 0.5
 * @param seconds wall time of the evaluation
 */
public record ZooFigures(
    int objects,
    double samBoxPassRate,
    double samJitterPassRate,
    double samPointPassRate,
    double predictedIouSpearman,
    int objectPhrases,
    double grounderObjectPassRate,
    int partPhrases,
    double grounderPartPassRate,
    double seconds) {}
