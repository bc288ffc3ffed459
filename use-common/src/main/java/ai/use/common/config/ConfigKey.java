package ai.use.common.config;

import com.google.common.base.Preconditions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One tunable: a Spark property {@code spark.use.<area>.<name>} with its default (defaults live in
 * code, in one {@code *Keys} class per area), its meaning and the values it allows.
 *
 * <p>A key reads itself from the job's Spark properties ({@link #read(Map)}) and fails with an
 * {@link IllegalArgumentException} naming the key, the value and what is allowed.
 *
 * @param <T> the parsed type
 */
public final class ConfigKey<T> {
  private final String name;
  private final String defaultValue;
  private final String doc;
  private final String allowed;
  private final Function<String, T> parser;
  private final Predicate<T> valid;

  private ConfigKey(
      String name,
      String defaultValue,
      String doc,
      String allowed,
      Function<String, T> parser,
      Predicate<T> valid) {
    Preconditions.checkArgument(
        name.startsWith("spark.use."), "config key %s must start with spark.use.", name);
    this.name = name;
    this.defaultValue = defaultValue;
    this.doc = doc;
    this.allowed = allowed;
    this.parser = parser;
    this.valid = valid;
    // The default must itself be valid: fail at class-load time, not in a user's job.
    T parsedDefault = parser.apply(defaultValue);
    Preconditions.checkState(
        valid.test(parsedDefault), "default of %s (%s) is not %s", name, defaultValue, allowed);
  }

  /** An integer in {@code [min, max]}. */
  public static ConfigKey<Integer> intKey(String name, int def, int min, int max, String doc) {
    return new ConfigKey<>(
        name,
        Integer.toString(def),
        doc,
        range("an integer", min, max),
        s -> Integer.valueOf(s.trim()),
        v -> v >= min && v <= max);
  }

  /** A long in {@code [min, max]}. */
  public static ConfigKey<Long> longKey(String name, long def, long min, long max, String doc) {
    return new ConfigKey<>(
        name,
        Long.toString(def),
        doc,
        range("an integer", min, max),
        s -> Long.valueOf(s.trim()),
        v -> v >= min && v <= max);
  }

  /** A finite double in {@code [min, max]}. */
  public static ConfigKey<Double> doubleKey(
      String name, double def, double min, double max, String doc) {
    return new ConfigKey<>(
        name,
        Double.toString(def),
        doc,
        range("a number", min, max),
        s -> Double.valueOf(s.trim()),
        v -> !v.isNaN() && v >= min && v <= max);
  }

  /** {@code true} or {@code false}. */
  public static ConfigKey<Boolean> booleanKey(String name, boolean def, String doc) {
    return new ConfigKey<>(
        name, Boolean.toString(def), doc, "true or false", ConfigKey::parseBoolean, v -> true);
  }

  /** One of a fixed set of lower-case words. */
  public static ConfigKey<String> choiceKey(
      String name, String def, List<String> choices, String doc) {
    return new ConfigKey<>(
        name,
        def,
        doc,
        "one of " + String.join(", ", choices),
        s -> s.trim().toLowerCase(java.util.Locale.ROOT),
        choices::contains);
  }

  /** Free text (may be empty). */
  public static ConfigKey<String> stringKey(String name, String def, String doc) {
    return new ConfigKey<>(name, def, doc, "any text", String::trim, v -> true);
  }

  private static Boolean parseBoolean(String s) {
    String v = s.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.valueOf(v);
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static String range(String kind, double min, double max) {
    return kind + " in [" + fmt(min) + ", " + fmt(max) + "]";
  }

  private static String fmt(double v) {
    if (v == Integer.MAX_VALUE) {
      return "2147483647";
    }
    if (v == Long.MAX_VALUE) {
      return "9223372036854775807";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /** The value of this key in {@code properties}, or its default; validated. */
  public T read(Map<String, String> properties) {
    String raw = properties.getOrDefault(name, defaultValue);
    T value;
    try {
      value = parser.apply(raw);
    } catch (RuntimeException e) {
      throw invalid(raw);
    }
    if (!valid.test(value)) {
      throw invalid(raw);
    }
    return value;
  }

  private IllegalArgumentException invalid(String raw) {
    return new IllegalArgumentException(
        "Invalid value for "
            + name
            + ": '"
            + raw
            + "'. Allowed: "
            + allowed
            + " (default "
            + defaultValue
            + "). "
            + doc);
  }

  public String name() {
    return name;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String doc() {
    return doc;
  }

  public String allowed() {
    return allowed;
  }

  @Override
  public String toString() {
    return name + "=" + defaultValue;
  }
}
