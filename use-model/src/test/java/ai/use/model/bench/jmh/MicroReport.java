package ai.use.model.bench.jmh;

import ai.use.model.bench.jmh.MicroBenchmarks.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * The micro-benchmark results as a Markdown table (benchmark, score ± error, unit) and as JSON (the
 * settings, the JVM, and one object per benchmark; an error JMH could not compute is null).
 */
public final class MicroReport {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MicroReport() {}

  /** A line on the settings and the JVM, then the table. */
  public static String markdown(List<Row> rows, MicroSettings settings) {
    StringBuilder s = new StringBuilder();
    s.append(settings.describe())
        .append("; Java ")
        .append(System.getProperty("java.version"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" CPUs\n\n");
    s.append("| benchmark | score ± error | unit |\n");
    s.append("| --- | ---: | --- |\n");
    for (Row r : rows) {
      s.append("| ")
          .append(r.benchmark())
          .append(" | ")
          .append(scoreAndError(r.score(), r.error()))
          .append(" | ")
          .append(r.unit().replace("us/", "µs/"))
          .append(" |\n");
    }
    return s.toString();
  }

  /** The results and the settings as indented JSON. */
  public static String json(List<Row> rows, MicroSettings settings) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("tool", "jmh");
    root.put("java", System.getProperty("java.version"));
    root.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    ObjectNode s = root.putObject("settings");
    s.put("forks", settings.forks());
    s.put("warmupIterations", settings.warmupIterations());
    s.put("measurementIterations", settings.measurementIterations());
    s.put("iterationMillis", settings.iterationMillis());
    s.put("include", settings.include());
    ArrayNode results = root.putArray("results");
    for (Row r : rows) {
      ObjectNode o = results.addObject();
      o.put("benchmark", r.benchmark());
      o.put("score", r.score());
      if (Double.isFinite(r.error())) {
        o.put("error", r.error());
      } else {
        o.putNull("error");
      }
      o.put("unit", r.unit());
    }
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code score ± error} with the decimals the score's size calls for (3 below 10, 1 below 1000,
   * else none); the score alone when the error is not finite.
   */
  static String scoreAndError(double score, double error) {
    int decimals = Math.abs(score) < 10 ? 3 : Math.abs(score) < 1000 ? 1 : 0;
    String format = "%." + decimals + "f";
    String text = String.format(Locale.ROOT, format, score);
    if (Double.isFinite(error)) {
      text += " ± " + String.format(Locale.ROOT, format, error);
    }
    return text;
  }
}
