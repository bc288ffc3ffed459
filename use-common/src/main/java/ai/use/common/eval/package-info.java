/**
 * Semantic-segmentation evaluation without Spark: label maps read from 8- or 16-bit PNG/TIFF
 * ({@link ai.use.common.eval.LabelImage}), benchmark layouts and their ignore conventions ({@link
 * ai.use.common.eval.LabelLayout}), class lists ({@link ai.use.common.eval.ClassList}), per-image
 * and merged confusion matrices ({@link ai.use.common.eval.ConfusionMatrix}, merged by addition)
 * and the metrics the standard evaluators (mmsegmentation, detectron2) compute from them ({@link
 * ai.use.common.eval.SegmentationMetrics}).
 */
package ai.use.common.eval;
