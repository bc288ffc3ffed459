/**
 * Image inputs of the models: the fast raster path from a decoded BGR image to a normalized {@code
 * [3, S, S]} tensor, bilinear resampling with PyTorch's conventions in Java ({@link
 * ai.use.model.image.Bilinear}) and inside libtorch with the same results ({@link
 * ai.use.model.image.NativeBilinear}), and the {@link ai.use.model.image.Geometry} that maps
 * coordinates between the original and the input frame.
 */
package ai.use.model.image;
