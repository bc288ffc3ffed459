/**
 * SAM adapters: the image encoder ({@code [1,3,1024,1024]} → {@code [1,256,64,64]}), the prompt
 * decoder (points/boxes → logits {@code [P,4,256,256]}, IoU {@code [P,4]}) and SAM's
 * post-processing back to the original image.
 */
package ai.use.model.sam;
