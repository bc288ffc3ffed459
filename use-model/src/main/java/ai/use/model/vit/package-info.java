/** The frozen ViT backbones ({@code clip-image}, {@code dinov2}) behind one adapter. */
package ai.use.model.vit;
