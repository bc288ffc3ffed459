package ai.use.jobs.pairs;

import ai.use.common.coco.CocoImage;
import java.io.Serializable;
import java.util.List;

/**
 * An image entry of the annotation file with its segments.
 *
 * @param image the COCO image entry (declared size, file name)
 * @param segments its annotated segments in file order
 */
public record AnnotatedImage(CocoImage image, List<GroundTruthSegment> segments)
    implements Serializable {}
