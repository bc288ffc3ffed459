package ai.use.common.coco;

import java.io.Serializable;

/**
 * An entry of a COCO file's {@code annotations} list, with the project's optional extensions.
 *
 * @param id annotation id
 * @param imageId id of its image
 * @param categoryId category id
 * @param segmentation the mask
 * @param bboxXywh COCO bbox {@code [x, y, w, h]} as stored (may be null)
 * @param iscrowd COCO crowd flag
 * @param granularity {@code object} or {@code part} (default object)
 * @param parentId for parts, the id of the object annotation (else null)
 * @param text referring text (extension; null → the category name is used)
 */
public record CocoAnnotation(
    long id,
    long imageId,
    long categoryId,
    CocoSegmentation segmentation,
    double[] bboxXywh,
    boolean iscrowd,
    String granularity,
    Long parentId,
    String text)
    implements Serializable {}
