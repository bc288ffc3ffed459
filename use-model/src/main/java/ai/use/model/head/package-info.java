/**
 * The trainable USE head on frozen CLIP + DINOv2 features: the shared mask → patch-weight function
 * ({@link ai.use.model.head.PatchWeights}), per-token normalization and pooling ({@link
 * ai.use.model.head.FeaturePooling}), the cached per-segment input ({@link
 * ai.use.model.head.PooledFeatures}), the head itself and its loss. No Spark. See {@code
 * docs/head.md}.
 */
package ai.use.model.head;
