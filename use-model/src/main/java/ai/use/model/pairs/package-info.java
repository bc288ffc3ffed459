/**
 * Pure logic of the pairs pipeline that needs no Spark: caption spans ({@link
 * ai.use.model.pairs.TextSpan}), SAM mask choice for box prompts ({@link
 * ai.use.model.pairs.MaskChoice}), mask-level NMS that merges duplicate segments and keeps all
 * their texts ({@link ai.use.model.pairs.SegmentMerger}), the part-inside-parent check ({@link
 * ai.use.model.pairs.PartFilter}) and the toy-world truth scorer ({@link
 * ai.use.model.pairs.ToyPairScorer}).
 */
package ai.use.model.pairs;
