package ai.use.model.sam;

import ai.djl.ndarray.NDArray;
import ai.use.model.image.Geometry;

/**
 * The SAM image embedding {@code [1, 256, 64, 64]} of one image, kept in libtorch (owned by the
 * caller's NDManager), with the geometry of the 1024 frame.
 *
 * @param embedding the encoder output
 * @param geometry original size and the resized content size in the 1024 frame
 */
public record SamEmbedding(NDArray embedding, Geometry geometry) {}
