package ai.use.jobs.captions;

import com.fasterxml.jackson.databind.JsonNode;

/** Field checks shared by the JSON caption readers: each failure names the file and the field. */
final class Json {
  private Json() {}

  static JsonNode array(JsonNode node, String field, String source) {
    JsonNode v = node.path(field);
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          source + " has no '" + field + "' list; check --captions and --captions-format");
    }
    return v;
  }

  static long requireLong(JsonNode node, String field, String source, String where) {
    JsonNode v = node.path(field);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          source + ": " + where + " needs an integer '" + field + "', got " + v);
    }
    return v.asLong();
  }
}
