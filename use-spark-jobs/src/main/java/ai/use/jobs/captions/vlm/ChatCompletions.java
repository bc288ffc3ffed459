package ai.use.jobs.captions.vlm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The OpenAI chat-completions wire format, as vLLM and similar servers speak it: the request with
 * the image as a base64 {@code data:} URL in an {@code image_url} content part, and the caption
 * from {@code choices[0].message.content}.
 */
final class ChatCompletions {
  /** Path appended to the endpoint. */
  static final String PATH = "/v1/chat/completions";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ChatCompletions() {}

  /** A malformed answer: not JSON, or JSON without {@code choices[0].message}. */
  static final class BadResponseException extends Exception {
    BadResponseException(String message) {
      super(message);
    }
  }

  /** The request body for one image of type {@code mimeType}. */
  static byte[] request(
      String model,
      VlmPrompt prompt,
      int maxTokens,
      double temperature,
      String mimeType,
      byte[] image) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", VlmPrompt.SYSTEM);
    ObjectNode user = messages.addObject().put("role", "user");
    ArrayNode content = user.putArray("content");
    content.addObject().put("type", "text").put("text", prompt.user());
    content
        .addObject()
        .put("type", "image_url")
        .putObject("image_url")
        .put("url", "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(image));
    body.put("max_tokens", maxTokens);
    body.put("temperature", temperature);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a chat-completions request", e);
    }
  }

  /**
   * The text of {@code choices[0].message.content} (a string, or the joined {@code text} parts of
   * an array), possibly blank; null content reads as blank.
   */
  static String caption(byte[] body) throws BadResponseException {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new BadResponseException(
          "the answer is not JSON (" + firstLine(e.getMessage()) + "): " + preview(body));
    }
    JsonNode message = root == null ? null : root.path("choices").path(0).get("message");
    if (message == null || !message.isObject()) {
      throw new BadResponseException(
          "the answer has no choices[0].message, is the endpoint a chat-completions server?: "
              + preview(body));
    }
    JsonNode content = message.get("content");
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.asText();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.path("text").isTextual()) {
          text.append(text.length() == 0 ? "" : " ").append(part.get("text").asText());
        }
      }
      return text.toString();
    }
    throw new BadResponseException(
        "choices[0].message.content is neither text nor a list of parts: " + preview(body));
  }

  /**
   * The caption as stored: markdown emphasis and heading marks removed, all whitespace runs one
   * space, trimmed.
   */
  static String normalize(String text) {
    return text.replace("**", "")
        .replace("__", "")
        .replaceAll("(?m)^\\s*#+\\s*", "")
        .replaceAll("\\s+", " ")
        .strip();
  }

  /** The image type from the file's magic bytes, or null when it is none of the known ones. */
  static String mimeType(byte[] b) {
    if (startsWith(b, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(b, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (startsWith(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E') {
      return "image/webp";
    }
    if (startsWith(b, 'B', 'M')) {
      return "image/bmp";
    }
    return null;
  }

  private static boolean startsWith(byte[] b, int... magic) {
    if (b == null || b.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((b[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }

  /** The first 200 characters of a body, for error messages. */
  static String preview(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
    if (s.isEmpty()) {
      return "(empty body)";
    }
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
