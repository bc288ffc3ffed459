/**
 * SAM adapters: the image encoder ({@code [1,3,1024,1024]} → {@code [1,256,64,64]}), the prompt
 * decoder (points/boxes → logits {@code [P,4,256,256]}, IoU {@code [P,4]}), either copied to Java
 * ({@link ai.use.model.sam.SamOutput}) or left in libtorch ({@link ai.use.model.sam.SamDecoding}),
 * and SAM's post-processing back to the original image inside libtorch ({@link
 * ai.use.model.sam.MaskLogits}).
 */
package ai.use.model.sam;
