package ai.use.common.image;

import static java.util.Objects.requireNonNull;

import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

/**
 * An image decoded by {@link ImageDecoder}, always 8-bit BGR whatever the source was.
 *
 * <p>Pixel layout: {@code image} is {@link BufferedImage#TYPE_3BYTE_BGR} and its raster is one
 * compact {@code byte[]} of length {@code height * width * 3}, shape {@code [H, W, 3]}, row-major,
 * channels in the order B, G, R, with no padding and no offset ({@link #bgrBytes()}). Width and
 * height are after the EXIF orientation was applied.
 *
 * @param image the pixels, {@code TYPE_3BYTE_BGR}
 * @param width width in pixels (after orientation)
 * @param height height in pixels (after orientation)
 * @param format the format of the source, upper case as ImageIO names it: {@code "JPEG"}, {@code
 *     "PNG"}, {@code "GIF"}, {@code "BMP"}, …
 * @param exifOrientation the EXIF orientation tag found (1..8); 1 when the source has none or is
 *     not a JPEG
 * @param exifPolicy the policy the caller asked for
 * @param orientationApplied whether the pixels were rotated/flipped ({@link ExifPolicy#APPLY} and
 *     an orientation other than 1)
 * @param sourceHasAlpha whether the source had an alpha channel or transparency (dropped in {@code
 *     image})
 * @param sourceBitDepth bits per sample in the source (8 or 16 for PNG, 8 or 12 for JPEG; the index
 *     size for palette images)
 * @param sourceColor the colour type of the source
 * @param warnings non-fatal warnings the reader reported (e.g. extraneous bytes in a JPEG), empty
 *     when none
 */
public record DecodedImage(
    BufferedImage image,
    int width,
    int height,
    String format,
    int exifOrientation,
    ExifPolicy exifPolicy,
    boolean orientationApplied,
    boolean sourceHasAlpha,
    int sourceBitDepth,
    SourceColor sourceColor,
    List<String> warnings) {

  /**
   * Validates that {@code image} is compact {@code TYPE_3BYTE_BGR} of size {@code width x height}
   * and that {@code exifOrientation} is 1..8; copies {@code warnings}.
   */
  public DecodedImage {
    requireNonNull(image, "image");
    requireNonNull(format, "format");
    requireNonNull(exifPolicy, "exifPolicy");
    requireNonNull(sourceColor, "sourceColor");
    warnings = List.copyOf(warnings);
    Preconditions.checkArgument(
        image.getType() == BufferedImage.TYPE_3BYTE_BGR,
        "image must be TYPE_3BYTE_BGR, got type %s",
        image.getType());
    Preconditions.checkArgument(
        image.getWidth() == width && image.getHeight() == height,
        "image is %sx%s but width x height is %sx%s",
        image.getWidth(),
        image.getHeight(),
        width,
        height);
    Preconditions.checkArgument(
        BgrConverter.isCompactBgr(image), "image raster must be one compact [H, W, 3] byte array");
    Preconditions.checkArgument(
        exifOrientation >= 1 && exifOrientation <= 8,
        "exifOrientation must be 1..8, got %s",
        exifOrientation);
  }

  /**
   * The pixels as {@code [H, W, 3]} BGR bytes, row-major: the raster's own array, not a copy (do
   * not modify it unless you own the image).
   */
  public byte[] bgrBytes() {
    return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
  }
}
