/**
 * Masks: {@link ai.use.common.mask.BinaryMask} (row-major bits), COCO compressed RLE ({@link
 * ai.use.common.mask.CocoRle}, byte-for-byte equal to the COCO mask API) and polygon rasterization
 * ({@link ai.use.common.mask.PolygonRasterizer}).
 */
package ai.use.common.mask;
