package ai.use.model.image;

import ai.use.model.spec.Normalization;
import ai.use.model.spec.Sidecar;
import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * Turns a decoded image into a model input {@code [3, S, S]}: reads the BGR raster directly (no
 * per-pixel {@code getRGB}), resizes bilinearly ({@link Bilinear}) — longest side to S and
 * zero-padded bottom/right after normalization ({@code pad}, as SAM), or stretched to S×S ({@code
 * resize}) — never cropped, then normalizes per channel.
 */
public final class ImagePreprocessor {
  private final int size;
  private final boolean pad;
  private final Normalization norm;

  public ImagePreprocessor(int size, String resizeMode, Normalization norm) {
    Preconditions.checkArgument(size > 0, "input size must be positive");
    Preconditions.checkArgument(
        "pad".equals(resizeMode) || "resize".equals(resizeMode),
        "resize mode must be pad or resize, got %s",
        resizeMode);
    this.size = size;
    this.pad = resizeMode.equals("pad");
    this.norm = norm;
  }

  /** The preprocessor a sidecar describes. */
  public static ImagePreprocessor of(Sidecar sidecar) {
    return new ImagePreprocessor(
        sidecar.inputSize(), sidecar.resizeMode(), sidecar.normalization());
  }

  /** Preprocesses a {@code TYPE_3BYTE_BGR} image. */
  public ImageTensor apply(BufferedImage bgr) {
    Preconditions.checkArgument(
        bgr.getType() == BufferedImage.TYPE_3BYTE_BGR,
        "expected a TYPE_3BYTE_BGR image (ImageDecoder's output), got type %s",
        bgr.getType());
    int h = bgr.getHeight();
    int w = bgr.getWidth();
    byte[] bytes = ((DataBufferByte) bgr.getRaster().getDataBuffer()).getData();
    float[] planes = new float[3 * h * w];
    int plane = h * w;
    for (int i = 0; i < plane; i++) {
      planes[i] = bytes[3 * i + 2] & 0xff; // R
      planes[plane + i] = bytes[3 * i + 1] & 0xff; // G
      planes[2 * plane + i] = bytes[3 * i] & 0xff; // B
    }
    Geometry g = pad ? Geometry.longestSide(h, w, size) : Geometry.stretched(h, w, size);
    float[] resized = Bilinear.resize(planes, 3, h, w, g.resizedHeight(), g.resizedWidth());
    ByteBuffer data = ImageTensor.allocate(size);
    FloatBuffer out = data.asFloatBuffer();
    int rh = g.resizedHeight();
    int rw = g.resizedWidth();
    for (int c = 0; c < 3; c++) {
      float mean = norm.mean()[c];
      float std = norm.std()[c];
      float scale = norm.scale() / 255f;
      for (int y = 0; y < rh; y++) {
        int src = c * rh * rw + y * rw;
        int dst = c * size * size + y * size;
        for (int x = 0; x < rw; x++) {
          out.put(dst + x, (resized[src + x] * scale - mean) / std);
        }
      }
    }
    return new ImageTensor(data, g);
  }
}
