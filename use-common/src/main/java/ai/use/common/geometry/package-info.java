/**
 * Box and mask geometry after segment-anything's {@code amg.py} and torchvision, with the
 * coordinate format in every name.
 *
 * <ul>
 *   <li>{@link ai.use.common.geometry.BoxXyxy} ({@code [x0, y0, x1, y1]}) and {@link
 *       ai.use.common.geometry.BoxXywh} (COCO {@code [x, y, w, h]}): conversions, area,
 *       intersection, IoU (0 when the union is 0), clipping, and the boxes of a mask (SAM's
 *       inclusive {@code batched_mask_to_box} and the COCO bbox).
 *   <li>{@link ai.use.common.geometry.BoxNms}: greedy NMS and category-aware (batched) NMS as
 *       torchvision's {@code nms} / {@code batched_nms}.
 *   <li>{@link ai.use.common.geometry.MaskNms}: the same greedy NMS over COCO RLE masks, by IoU or
 *       by containment.
 *   <li>{@link ai.use.common.geometry.StabilityScore}: SAM's stability score of mask logits.
 * </ul>
 *
 * <p>Every NMS here suppresses only when the overlap is strictly greater than the threshold,
 * returns kept indices by decreasing score, and breaks score ties by lower input index first, so
 * results are deterministic.
 */
package ai.use.common.geometry;
