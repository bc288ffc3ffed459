/**
 * Image decoding with limits: {@link ai.use.common.image.ImageDecoder} turns encoded bytes (JPEG
 * including CMYK/YCCK, PNG of any bit depth and colour type, and the other ImageIO formats) into a
 * {@link ai.use.common.image.DecodedImage} whose pixels are always a compact {@code [H, W, 3]} BGR
 * byte array, ready to be copied into a tensor. {@link ai.use.common.image.ImageLimits} bounds the
 * encoded size and the pixel count (checked from the header, before decoding); {@link
 * ai.use.common.image.ExifPolicy} says whether the EXIF orientation is applied. Every refusal is an
 * {@link ai.use.common.image.ImageDecodeException} with a {@link
 * ai.use.common.image.ImageDecodeException.Reason} and a message naming the source.
 */
package ai.use.common.image;
