package ai.use.jobs.query;

import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * A hit drawn on its image: pixels outside the mask dimmed, the mask tinted, its box outlined,
 * scaled so the longest side is at most {@code maxSide}; encoded as PNG.
 */
final class Overlay {
  private Overlay() {}

  /**
   * The overlay PNG; fails with {@link IllegalArgumentException} when the mask does not have the
   * image's size.
   */
  static byte[] render(
      byte[] imageBytes, Hit hit, ImageDecoder decoder, ExifPolicy exif, int maxSide) {
    DecodedImage decoded = decoder.decode(imageBytes, hit.imageUri(), exif);
    if (decoded.width() != hit.maskWidth() || decoded.height() != hit.maskHeight()) {
      throw new IllegalArgumentException(
          "mask is "
              + hit.maskWidth()
              + "x"
              + hit.maskHeight()
              + " but the image is "
              + decoded.width()
              + "x"
              + decoded.height());
    }
    BinaryMask mask = CocoRle.decode(new Rle(hit.maskHeight(), hit.maskWidth(), hit.maskCounts()));
    int w = decoded.width();
    int h = decoded.height();
    byte[] bgr = decoded.bgrBytes();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int i = (y * w + x) * 3;
        int b = bgr[i] & 0xff;
        int g = bgr[i + 1] & 0xff;
        int r = bgr[i + 2] & 0xff;
        if (mask.get(y, x)) {
          r = (r + 255) / 2;
          g = (g + 64) / 2;
          b = (b + 255) / 2;
        } else {
          r /= 3;
          g /= 3;
          b /= 3;
        }
        out.setRGB(x, y, (r << 16) | (g << 8) | b);
      }
    }
    double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    BufferedImage scaled = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = scaled.createGraphics();
    try {
      g2.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g2.drawImage(out, 0, 0, sw, sh, null);
      if (hit.box().length == 4) {
        g2.setColor(Color.YELLOW);
        g2.setStroke(new BasicStroke(2));
        g2.drawRect(
            (int) Math.round(hit.box()[0] * scale),
            (int) Math.round(hit.box()[1] * scale),
            (int) Math.round(hit.box()[2] * scale),
            (int) Math.round(hit.box()[3] * scale));
      }
    } finally {
      g2.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(scaled, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }
}
