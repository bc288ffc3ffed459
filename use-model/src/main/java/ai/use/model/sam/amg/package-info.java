/**
 * SAM's automatic mask generation ("segment everything"), step by step as small pure functions that
 * follow the reference {@code segment_anything/utils/amg.py} and {@code
 * automatic_mask_generator.py}: options ({@link ai.use.model.sam.amg.AmgOptions}), point grids per
 * crop layer ({@link ai.use.model.sam.amg.PointGrids}), crop boxes ({@link
 * ai.use.model.sam.amg.CropBoxes}), prompt batches ({@link ai.use.model.sam.amg.BatchIterator}),
 * the crop-edge filter ({@link ai.use.model.sam.amg.IsBoxNearCropEdge}), uncropping ({@link
 * ai.use.model.sam.amg.Uncrop}), small-region cleanup ({@link ai.use.model.sam.amg.SmallRegions})
 * and the output record ({@link ai.use.model.sam.amg.MaskRecord}).
 *
 * <p>Coordinates are pixels with the origin at the top-left corner; point grids are normalized to
 * {@code [0, 1]}. Nothing here touches the model or native memory.
 */
package ai.use.model.sam.amg;
