package ai.use.common.config;

import java.util.List;

/**
 * Renders {@code conf/use-defaults.conf}: every key with its default, the values it allows and its
 * meaning, in Spark properties-file syntax. Generated from the code, never edited by hand; a test
 * keeps the committed file equal to {@link #render()}.
 */
public final class DefaultsFile {
  /** Path of the generated file, relative to the repository root. */
  public static final String PATH = "conf/use-defaults.conf";

  private DefaultsFile() {}

  public static String render() {
    return render(ConfigKeys.all());
  }

  static String render(List<ConfigKey<?>> keys) {
    StringBuilder out = new StringBuilder();
    out.append("# USE on Spark: every spark.use.* key with its default.\n")
        .append("# GENERATED from the *Keys classes by `bin/use defaults-conf`; do not edit.\n")
        .append("# The defaults live in code, so you never need this file: override any key with\n")
        .append("# --conf key=value or your own --properties-file, as with any Spark job.\n");
    for (ConfigKey<?> key : keys) {
      out.append('\n');
      for (String line : wrap(key.doc(), 96)) {
        out.append("# ").append(line).append('\n');
      }
      out.append("# Allowed: ").append(key.allowed()).append('\n');
      out.append(key.name()).append(' ').append(key.defaultValue()).append('\n');
    }
    return out.toString();
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new java.util.ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
