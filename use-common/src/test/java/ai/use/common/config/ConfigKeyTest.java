package ai.use.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void defaultsApplyWhenAKeyIsAbsent() {
    assertThat(CoreKeys.MAX_ERROR_RATE.read(Map.of())).isEqualTo(0.05);
    assertThat(CoreKeys.IMAGE_EXIF.read(Map.of())).isEqualTo("apply");
  }

  @Test
  void readsAValidOverride() {
    assertThat(CoreKeys.MAX_ERROR_RATE.read(Map.of("spark.use.maxErrorRate", " 0.5 ")))
        .isEqualTo(0.5);
    assertThat(CoreKeys.IMAGE_EXIF.read(Map.of("spark.use.image.exifOrientation", "IGNORE")))
        .isEqualTo("ignore");
  }

  @Test
  void outOfRangeNamesKeyValueAndRange() {
    assertThatThrownBy(() -> CoreKeys.MAX_ERROR_RATE.read(Map.of("spark.use.maxErrorRate", "1.5")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Invalid value for spark.use.maxErrorRate: '1.5'. Allowed: a number in [0, 1]"
                + " (default 0.05).");
  }

  @Test
  void unparsableNumberNamesKeyAndValue() {
    assertThatThrownBy(
            () -> CoreKeys.IMAGE_MAX_PIXELS.read(Map.of("spark.use.image.maxPixels", "lots")))
        .hasMessageStartingWith(
            "Invalid value for spark.use.image.maxPixels: 'lots'. Allowed: an integer in"
                + " [1, 2147483647]");
  }

  @Test
  void nanIsNotANumberInRange() {
    assertThatThrownBy(() -> CoreKeys.MAX_ERROR_RATE.read(Map.of("spark.use.maxErrorRate", "NaN")))
        .hasMessageContaining("'NaN'");
  }

  @Test
  void choiceListsTheChoices() {
    assertThatThrownBy(
            () -> CoreKeys.IMAGE_EXIF.read(Map.of("spark.use.image.exifOrientation", "rotate")))
        .hasMessageStartingWith(
            "Invalid value for spark.use.image.exifOrientation: 'rotate'. Allowed: one of apply,"
                + " ignore");
  }

  @Test
  void booleanAcceptsOnlyTrueOrFalse() {
    ConfigKey<Boolean> key = ConfigKey.booleanKey("spark.use.test.flag", false, "A flag.");
    assertThat(key.read(Map.of("spark.use.test.flag", "TRUE"))).isTrue();
    assertThatThrownBy(() -> key.read(Map.of("spark.use.test.flag", "yes")))
        .hasMessageStartingWith(
            "Invalid value for spark.use.test.flag: 'yes'. Allowed: true or false");
  }

  @Test
  void keysMustLiveUnderSparkUse() {
    assertThatThrownBy(() -> ConfigKey.intKey("use.partitions", 1, 0, 2, "x"))
        .hasMessageContaining("must start with spark.use.");
  }

  @Test
  void anInvalidDefaultFailsWhenTheKeyIsDeclared() {
    assertThatThrownBy(() -> ConfigKey.intKey("spark.use.test.bad", 5, 0, 2, "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("default of spark.use.test.bad (5)");
  }

  @Test
  void keyNamesAreUnique() {
    List<String> names = ConfigKeys.all().stream().map(ConfigKey::name).toList();
    assertThat(names).doesNotHaveDuplicates();
  }
}
