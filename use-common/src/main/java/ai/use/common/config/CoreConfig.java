package ai.use.common.config;

import java.util.Map;

/**
 * The keys every job reads ({@link CoreKeys}), validated once on the driver before any Spark
 * action.
 *
 * @param maxErrorRate {@link CoreKeys#MAX_ERROR_RATE}
 * @param partitions {@link CoreKeys#PARTITIONS} (0 = Spark's default parallelism)
 * @param imageMaxPixels {@link CoreKeys#IMAGE_MAX_PIXELS}
 * @param imageMaxBytes {@link CoreKeys#IMAGE_MAX_BYTES}
 * @param applyExif {@link CoreKeys#IMAGE_EXIF} is {@code apply}
 * @param imageGlob {@link CoreKeys#IMAGE_GLOB}
 */
public record CoreConfig(
    double maxErrorRate,
    int partitions,
    long imageMaxPixels,
    long imageMaxBytes,
    boolean applyExif,
    String imageGlob) {

  /** Reads and validates every core key; throws naming the first bad key. */
  public static CoreConfig from(Map<String, String> properties) {
    return new CoreConfig(
        CoreKeys.MAX_ERROR_RATE.read(properties),
        CoreKeys.PARTITIONS.read(properties),
        CoreKeys.IMAGE_MAX_PIXELS.read(properties),
        CoreKeys.IMAGE_MAX_BYTES.read(properties),
        CoreKeys.IMAGE_EXIF.read(properties).equals("apply"),
        CoreKeys.IMAGE_GLOB.read(properties));
  }
}
