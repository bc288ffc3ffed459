package ai.use.common.config;

import java.util.List;

/** Keys every job honours: error policy and image decoding limits. */
public final class CoreKeys {
  private CoreKeys() {}

  public static final ConfigKey<Double> MAX_ERROR_RATE =
      ConfigKey.doubleKey(
          "spark.use.maxErrorRate",
          0.05,
          0.0,
          1.0,
          "Largest share of failed inputs (errors rows / inputs) a run may have and still succeed;"
              + " above it the job exits non-zero with status failed in its run summary.");

  public static final ConfigKey<Long> IMAGE_MAX_PIXELS =
      ConfigKey.longKey(
          "spark.use.image.maxPixels",
          64_000_000L,
          1L,
          Integer.MAX_VALUE,
          "Largest width x height an image may declare; larger images become errors rows"
              + " (a guard against decompression bombs, checked before decoding).");

  public static final ConfigKey<Long> IMAGE_MAX_BYTES =
      ConfigKey.longKey(
          "spark.use.image.maxBytes",
          256L * 1024 * 1024,
          1L,
          Integer.MAX_VALUE - 64L,
          "Largest encoded image file in bytes; larger files are listed as errors rows and never"
              + " read into memory.");

  public static final ConfigKey<String> IMAGE_EXIF =
      ConfigKey.choiceKey(
          "spark.use.image.exifOrientation",
          "apply",
          List.of("apply", "ignore"),
          "Whether the EXIF orientation of JPEGs is applied (as photo viewers do) or ignored (as"
              + " COCO-style annotations made on the raw pixels expect). Recorded per run.");

  public static final ConfigKey<String> IMAGE_GLOB =
      ConfigKey.stringKey(
          "spark.use.image.glob",
          "*.{jpg,jpeg,png,JPG,JPEG,PNG}",
          "File-name glob of the images read under --images (recursively).");

  public static final ConfigKey<Integer> PARTITIONS =
      ConfigKey.intKey(
          "spark.use.partitions",
          0,
          0,
          100_000,
          "Partitions for per-image work; 0 = Spark's default parallelism.");

  /** Every key of this area, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return List.of(
        MAX_ERROR_RATE, PARTITIONS, IMAGE_MAX_PIXELS, IMAGE_MAX_BYTES, IMAGE_EXIF, IMAGE_GLOB);
  }
}
