package ai.use.common.image;

import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Applies an EXIF orientation (tag 0x0112, values 1..8) to a compact BGR image, giving the picture
 * as a viewer shows it. The operations are those of the EXIF spec and of PIL's {@code
 * ImageOps.exif_transpose}: 1 identity, 2 mirror left-right, 3 rotate 180°, 4 mirror top-bottom, 5
 * transpose (mirror along the main diagonal), 6 rotate 90° clockwise, 7 transverse (mirror along
 * the anti-diagonal), 8 rotate 90° counter-clockwise. Orientations 5–8 swap width and height.
 */
final class ExifOrientation {
  private ExifOrientation() {}

  /** Whether {@code orientation} swaps width and height. */
  static boolean swapsAxes(int orientation) {
    return orientation >= 5;
  }

  /** The oriented image; {@code image} itself for orientation 1. */
  static BufferedImage apply(BufferedImage image, int orientation) {
    Preconditions.checkArgument(
        orientation >= 1 && orientation <= 8, "EXIF orientation must be 1..8, got %s", orientation);
    Preconditions.checkArgument(BgrConverter.isCompactBgr(image), "image must be compact BGR");
    if (orientation == 1) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    int outWidth = swapsAxes(orientation) ? h : w;
    int outHeight = swapsAxes(orientation) ? w : h;
    BufferedImage out = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_3BYTE_BGR);
    byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    // Destination pixel index of source pixel (x, y) is rowStart(y) + x * step.
    int step =
        switch (orientation) {
          case 2, 3 -> -1;
          case 4 -> 1;
          case 5, 6 -> outWidth;
          default -> -outWidth; // 7, 8
        };
    int in = 0;
    for (int y = 0; y < h; y++) {
      int target = 3 * destination(orientation, 0, y, w, h, outWidth);
      int stride = 3 * step;
      for (int x = 0; x < w; x++, in += 3, target += stride) {
        dst[target] = src[in];
        dst[target + 1] = src[in + 1];
        dst[target + 2] = src[in + 2];
      }
    }
    return out;
  }

  /** Destination pixel index (row-major in the output) of source pixel (x, y). */
  static int destination(int orientation, int x, int y, int w, int h, int outWidth) {
    return switch (orientation) {
      case 1 -> y * outWidth + x;
      case 2 -> y * outWidth + (w - 1 - x);
      case 3 -> (h - 1 - y) * outWidth + (w - 1 - x);
      case 4 -> (h - 1 - y) * outWidth + x;
      case 5 -> x * outWidth + y;
      case 6 -> x * outWidth + (h - 1 - y);
      case 7 -> (w - 1 - x) * outWidth + (h - 1 - y);
      case 8 -> (w - 1 - x) * outWidth + y;
      default ->
          throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
    };
  }
}
