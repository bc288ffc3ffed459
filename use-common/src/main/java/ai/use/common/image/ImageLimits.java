package ai.use.common.image;

import com.google.common.base.Preconditions;
import java.util.Map;

/**
 * Limits that {@link ImageDecoder} enforces before it spends memory on an image.
 *
 * @param maxPixels largest {@code width * height} allowed, checked from the image header before the
 *     raster is decoded (a guard against decompression bombs); key {@value #MAX_PIXELS_KEY}
 * @param maxBytes largest encoded size in bytes; key {@value #MAX_BYTES_KEY}
 */
public record ImageLimits(long maxPixels, long maxBytes) implements java.io.Serializable {
  /** Configuration key of {@link #maxPixels()}. */
  public static final String MAX_PIXELS_KEY = "spark.use.image.maxPixels";

  /** Configuration key of {@link #maxBytes()}. */
  public static final String MAX_BYTES_KEY = "spark.use.image.maxBytes";

  /** Default {@link #maxPixels()}: 64 megapixels. */
  public static final long DEFAULT_MAX_PIXELS = 64_000_000L;

  /** Default {@link #maxBytes()}: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

  /** Validates that both limits are positive, naming the configuration key when not. */
  public ImageLimits {
    Preconditions.checkArgument(
        maxPixels > 0, "%s must be a positive number of pixels, got %s", MAX_PIXELS_KEY, maxPixels);
    Preconditions.checkArgument(
        maxBytes > 0, "%s must be a positive number of bytes, got %s", MAX_BYTES_KEY, maxBytes);
  }

  /** The default limits: 64 megapixels and 256 MiB. */
  public static ImageLimits defaults() {
    return new ImageLimits(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES);
  }

  /**
   * Reads the limits from configuration entries (e.g. a Spark conf as a map); a missing key keeps
   * its default.
   *
   * @throws IllegalArgumentException naming the key and the value when a value is not a positive
   *     whole number
   */
  public static ImageLimits fromConf(Map<String, String> conf) {
    return new ImageLimits(
        parse(conf, MAX_PIXELS_KEY, DEFAULT_MAX_PIXELS),
        parse(conf, MAX_BYTES_KEY, DEFAULT_MAX_BYTES));
  }

  private static long parse(Map<String, String> conf, String key, long defaultValue) {
    String value = conf.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be a positive whole number, got '" + value + "'", e);
    }
  }
}
