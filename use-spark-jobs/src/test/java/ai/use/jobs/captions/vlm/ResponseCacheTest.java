package ai.use.jobs.captions.vlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCacheTest {
  private static final String IMAGE = ResponseCache.sha256(FakeChatServer.image("a"));

  @TempDir Path tmp;

  private ResponseCache cache() {
    return new ResponseCache(tmp.resolve("cache").toUri().toString(), new Configuration());
  }

  @Test
  void theKeyDependsOnImageModelPromptAndSampling() {
    String k = ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.0);

    assertThat(k)
        .hasSize(64)
        .isEqualTo(ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.0));
    assertThat(
            ResponseCache.key(
                ResponseCache.sha256(FakeChatServer.image("b")),
                "llava",
                VlmPrompt.DETAILED,
                512,
                0.0))
        .isNotEqualTo(k);
    assertThat(ResponseCache.key(IMAGE, "qwen", VlmPrompt.DETAILED, 512, 0.0)).isNotEqualTo(k);
    assertThat(ResponseCache.key(IMAGE, "llava", VlmPrompt.OBJECTS, 512, 0.0)).isNotEqualTo(k);
    assertThat(ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 256, 0.0)).isNotEqualTo(k);
    assertThat(ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.7)).isNotEqualTo(k);
  }

  @Test
  void storesAndFindsACaptionUnderItsKey() throws Exception {
    ResponseCache cache = cache();
    String k = ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.0);

    assertThat(cache.get(k)).isEmpty();
    cache.put(k, IMAGE, "llava", VlmPrompt.DETAILED, "a red bus");

    assertThat(cache.get(k)).contains("a red bus");
    Path file = tmp.resolve("cache").resolve(k.substring(0, 2)).resolve(k + ".json");
    assertThat(Files.readString(file))
        .isEqualTo(
            "{\"image_sha256\":\""
                + IMAGE
                + "\",\"model\":\"llava\",\"prompt\":\"detailed\",\"caption\":\"a red bus\"}");
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
          .as("no temporary file left")
          .isEmpty();
    }
  }

  @Test
  void anUnreadableEntryIsAMissAndIsReplacedByTheNextAnswer() throws Exception {
    ResponseCache cache = cache();
    String k = ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.0);
    Path file = tmp.resolve("cache").resolve(k.substring(0, 2)).resolve(k + ".json");
    Files.createDirectories(file.getParent());
    Files.write(file, "{\"capt".getBytes(StandardCharsets.UTF_8));

    assertThat(cache.get(k)).isEmpty();
    cache.put(k, IMAGE, "llava", VlmPrompt.DETAILED, "a green tree");

    assertThat(cache.get(k)).contains("a green tree");
  }

  @Test
  void aCacheThatCannotBeWrittenDoesNotFailTheCaption() throws Exception {
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    ResponseCache cache = new ResponseCache(notADir.toUri().toString(), new Configuration());
    String k = ResponseCache.key(IMAGE, "llava", VlmPrompt.DETAILED, 512, 0.0);

    cache.put(k, IMAGE, "llava", VlmPrompt.DETAILED, "a cat");

    assertThat(cache.get(k)).isEmpty();
  }
}
