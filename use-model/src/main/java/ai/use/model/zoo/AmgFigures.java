package ai.use.model.zoo;

/**
 * The automatic mask generator's behaviour on toy world images with the toy SAM, from {@link
 * AmgEvaluation}.
 *
 * @param images images evaluated
 * @param objects true objects evaluated (box ≥ 64 px on one side)
 * @param recall share of those objects that some generated mask covers with mask IoU ≥ 0.5
 * @param masksPerImage generated masks per image, averaged over the images
 * @param worstMaskRatio the largest, over images, of masks ÷ (objects + parts) in the image (all
 *     annotations counted, small ones too)
 * @param blankImageMasks masks generated on a blank image of the world's size and background colour
 * @param postprocessShare post-processing time ÷ total generator time (post-processing = total −
 *     image encoding − prompt decoding), over all images
 * @param seconds wall time of the evaluation
 */
public record AmgFigures(
    int images,
    int objects,
    double recall,
    double masksPerImage,
    double worstMaskRatio,
    int blankImageMasks,
    double postprocessShare,
    double seconds) {}
