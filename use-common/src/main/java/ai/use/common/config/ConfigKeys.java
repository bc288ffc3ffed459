package ai.use.common.config;

import com.google.common.collect.ImmutableList;
import java.util.List;

/** The registry of every {@code spark.use.*} key, area by area; the source of use-defaults.conf. */
public final class ConfigKeys {
  private ConfigKeys() {}

  /** Every key, grouped by area in a stable order. */
  public static List<ConfigKey<?>> all() {
    return ImmutableList.<ConfigKey<?>>builder()
        .addAll(CoreKeys.all())
        .addAll(ModelKeys.all())
        .addAll(PairsKeys.all())
        .addAll(TrainKeys.all())
        .addAll(VlmKeys.all())
        .build();
  }
}
