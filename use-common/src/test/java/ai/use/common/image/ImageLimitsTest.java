package ai.use.common.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageLimitsTest {
  @Test
  void defaultsAre64MegapixelsAnd256MiB() {
    ImageLimits limits = ImageLimits.defaults();
    assertThat(limits.maxPixels()).isEqualTo(64_000_000L);
    assertThat(limits.maxBytes()).isEqualTo(268_435_456L);
    assertThat(ImageLimits.MAX_PIXELS_KEY).isEqualTo("spark.use.image.maxPixels");
    assertThat(ImageLimits.MAX_BYTES_KEY).isEqualTo("spark.use.image.maxBytes");
  }

  @Test
  void fromConfReadsBothKeysAndKeepsDefaultsForMissingOnes() {
    assertThat(ImageLimits.fromConf(Map.of())).isEqualTo(ImageLimits.defaults());
    assertThat(
            ImageLimits.fromConf(
                Map.of("spark.use.image.maxPixels", " 1000 ", "spark.use.image.maxBytes", "2048")))
        .isEqualTo(new ImageLimits(1000, 2048));
  }

  @Test
  void badValuesNameTheKeyAndTheValue() {
    assertThatThrownBy(() -> ImageLimits.fromConf(Map.of("spark.use.image.maxBytes", "1g")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spark.use.image.maxBytes must be a positive whole number, got '1g'");
    assertThatThrownBy(() -> ImageLimits.fromConf(Map.of("spark.use.image.maxPixels", "0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spark.use.image.maxPixels must be a positive number of pixels, got 0");
    assertThatThrownBy(() -> new ImageLimits(1, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("spark.use.image.maxBytes must be a positive number of bytes, got -5");
  }
}
