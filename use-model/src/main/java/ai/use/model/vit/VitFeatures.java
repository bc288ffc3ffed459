package ai.use.model.vit;

import ai.use.model.image.Geometry;

/**
 * Frozen ViT features of one image.
 *
 * @param blocks K selected blocks
 * @param tokens 1 + N tokens (CLS first, then the grid row-major)
 * @param width C
 * @param hidden hidden states {@code [K, 1+N, C]}, row-major
 * @param denseWidth D of the dense text-space tokens (0 when the role has none)
 * @param dense text-space tokens {@code [1+N, D]} (CLIP image only), else empty
 * @param grid patch grid side (N = grid²)
 * @param geometry how the original image maps into the model input
 */
public record VitFeatures(
    int blocks,
    int tokens,
    int width,
    float[] hidden,
    int denseWidth,
    float[] dense,
    int grid,
    Geometry geometry) {}
