package ai.use.common.toy;

import ai.use.common.mask.Rle;

/**
 * One instance annotation (an object or one of its parts) as written to {@code instances_*.json}.
 *
 * @param id annotation id, unique in its split: {@code imageId * 100 + k}, k = 1, 2, … in the order
 *     objects (z-order) and, after each object, its parts (body, top, handle)
 * @param imageId image id
 * @param categoryId object category (1–4) or part category (101–112), see {@link ToyCategories}
 * @param rle the modal (visible) mask
 * @param area {@code CocoRle.area(rle)}
 * @param bbox {@code CocoRle.bboxXywh(rle)}
 * @param granularity {@link #OBJECT} or {@link #PART}
 * @param parentId the object's annotation id for a part, null for an object
 * @param text the referring phrase without article: {@code "red circle"}, {@code "blue top of the
 *     red circle"}
 * @param referring the referring expression: {@code "the large red circle"}, {@code "the blue top
 *     of the red circle"}
 * @param shape the object's shape
 * @param colour the colour of this object's body or of this part
 * @param size the object's size
 * @param part the part, null for an object
 */
record ToyAnnotation(
    int id,
    int imageId,
    int categoryId,
    Rle rle,
    long area,
    long[] bbox,
    String granularity,
    Integer parentId,
    String text,
    String referring,
    ToyShape shape,
    ToyColour colour,
    ToySize size,
    ToyPart part) {
  static final String OBJECT = "object";
  static final String PART = "part";
}
