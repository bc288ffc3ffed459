/**
 * SAM's automatic mask generation ("segment everything"), step by step as small pure functions that
 * follow the reference {@code segment_anything/utils/amg.py} and {@code
 * automatic_mask_generator.py}: options ({@link ai.use.model.sam.amg.AmgOptions}), point grids per
 * crop layer ({@link ai.use.model.sam.amg.PointGrids}), crop boxes ({@link
 * ai.use.model.sam.amg.CropBoxes}), prompt batches ({@link ai.use.model.sam.amg.BatchIterator}),
 * the crop-edge filter ({@link ai.use.model.sam.amg.IsBoxNearCropEdge}), uncropping ({@link
 * ai.use.model.sam.amg.Uncrop}), small-region cleanup ({@link ai.use.model.sam.amg.SmallRegions})
 * the output record ({@link ai.use.model.sam.amg.MaskRecord}), the post-decoder filters inside
 * libtorch ({@link ai.use.model.sam.amg.SurvivorFilter}) and in Java ({@link
 * ai.use.model.sam.amg.BatchFilter}), NMS within and across crops ({@link
 * ai.use.model.sam.amg.CandidateNms}), SAM's small-region post-processing ({@link
 * ai.use.model.sam.amg.SmallRegionCleanup}) and their composition with the model behind two
 * interfaces ({@link ai.use.model.sam.amg.MaskGeneration}).
 *
 * <p>Coordinates are pixels with the origin at the top-left corner; point grids are normalized to
 * {@code [0, 1]}. Native memory is touched only by {@link ai.use.model.sam.amg.SurvivorFilter} and
 * {@link ai.use.model.sam.amg.SamCropEncoder}, behind {@link
 * ai.use.model.sam.amg.MaskGeneration.PromptDecoder}.
 */
package ai.use.model.sam.amg;
