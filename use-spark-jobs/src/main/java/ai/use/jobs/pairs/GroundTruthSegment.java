package ai.use.jobs.pairs;

import ai.use.common.coco.CocoSegmentation;
import java.io.Serializable;
import java.util.List;

/**
 * One annotated segment, ready to become a pair on an executor.
 *
 * @param annotationId COCO annotation id
 * @param parentId for parts: the object's annotation id
 * @param granularity {@code object} or {@code part}
 * @param text main text (annotation text, else the category name; null when neither exists)
 * @param altTexts other texts referring to it (caption phrases), without {@code text}
 * @param segmentation the mask as annotated
 */
public record GroundTruthSegment(
    long annotationId,
    Long parentId,
    String granularity,
    String text,
    List<String> altTexts,
    CocoSegmentation segmentation)
    implements Serializable {}
