package ai.use.jobs.captions.vlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captions already paid for, one small JSON file per answer under a directory of any Hadoop file
 * system: {@code <dir>/<k[0..2]>/<k>.json}, where {@code k} is the SHA-256 of the image content,
 * the model, the prompt texts, max_tokens and temperature ({@link #key}). Only captions are stored
 * (never errors, never the key). A file that cannot be read is a miss; a write that fails is logged
 * and the caption still returned.
 */
final class ResponseCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResponseCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Configuration conf;

  ResponseCache(String dir, Configuration conf) {
    this.dir = new Path(dir);
    this.conf = conf;
  }

  /** The cache key of one request. */
  static String key(
      String imageSha256, String model, VlmPrompt prompt, int maxTokens, double temp) {
    String material =
        String.join(
            "\n",
            "use-vlm-cache-v1",
            imageSha256,
            model,
            VlmPrompt.SYSTEM,
            prompt.user(),
            Integer.toString(maxTokens),
            Double.toString(temp));
    return sha256(material.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
      return java.util.HexFormat.of().formatHex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  Path file(String key) {
    return new Path(new Path(dir, key.substring(0, 2)), key + ".json");
  }

  /** The cached caption of {@code key}, if any. */
  Optional<String> get(String key) {
    Path p = file(key);
    try {
      FileSystem fs = p.getFileSystem(conf);
      JsonNode node;
      try (InputStream in = fs.open(p)) {
        node = JSON.readTree(in);
      }
      JsonNode caption = node == null ? null : node.get("caption");
      if (caption == null || !caption.isTextual() || caption.asText().isBlank()) {
        LOG.warn("VLM cache entry {} has no caption; asking the model again", p);
        return Optional.empty();
      }
      return Optional.of(caption.asText());
    } catch (FileNotFoundException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot read VLM cache entry {} ({}); asking the model again", p, e.toString());
      return Optional.empty();
    }
  }

  /** Stores a caption: written to a temporary name, then renamed into place. */
  void put(String key, String imageSha256, String model, VlmPrompt prompt, String caption) {
    Path p = file(key);
    Path tmp = new Path(p.getParent(), "." + key + "." + UUID.randomUUID() + ".tmp");
    ObjectNode node = JSON.createObjectNode();
    node.put("image_sha256", imageSha256);
    node.put("model", model);
    node.put("prompt", prompt.id());
    node.put("caption", caption);
    try {
      FileSystem fs = p.getFileSystem(conf);
      try (OutputStream out = fs.create(tmp, true)) {
        out.write(JSON.writeValueAsBytes(node));
      }
      if (fs.exists(p)) {
        // An unreadable entry (a get() miss) is replaced; a valid one holds the same answer.
        fs.delete(p, false);
      }
      if (!fs.rename(tmp, p)) {
        // Another task stored the same answer first, or the file system cannot rename over it.
        fs.delete(tmp, false);
        if (!fs.exists(p)) {
          LOG.warn("could not store VLM cache entry {}: rename failed", p);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not store VLM cache entry {} ({}); the caption is kept", p, e.toString());
    }
  }
}
