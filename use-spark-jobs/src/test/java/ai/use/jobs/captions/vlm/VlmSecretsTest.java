package ai.use.jobs.captions.vlm;

import static ai.use.jobs.captions.vlm.FakeChatServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API key, read from a Hadoop credential provider, reaches the server and nothing else: not the
 * logs (at TRACE), not the results, not the cache, not the serialized settings, even when the
 * server echoes it back in every kind of answer.
 */
class VlmSecretsTest {
  private static final String KEY = "sk-live-7f3a9c1e5b2d-DO-NOT-LEAK";

  @TempDir Path tmp;

  @Test
  void theKeyFromACredentialProviderIsSentButNeverLoggedOrWritten() throws Exception {
    Configuration conf = new Configuration();
    String providerPath = "localjceks://file" + tmp.resolve("vlm.jceks");
    conf.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, providerPath);
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry("use.vlm.api.key", KEY.toCharArray());
    provider.flush();

    try (FakeChatServer server =
        new FakeChatServer(
            (tag, n) -> {
              String echo = "{\"error\":\"bad key " + KEY + "\"}";
              return switch (tag) {
                case "e401" -> Reply.status(401, echo);
                case "e503" -> Reply.status(503, echo);
                case "bad" -> Reply.status(200, "not json, your key is " + KEY);
                case "empty" ->
                    Reply.status(
                        200,
                        "{\"choices\":[{\"message\":{\"content\":\"\"}}],\"note\":\""
                            + KEY
                            + "\"}");
                case "echo" -> Reply.caption("A dog. Your key is " + KEY);
                default -> Reply.caption("a red bus with a black wheel");
              };
            })) {
      Map<String, String> props = new HashMap<>();
      props.put(VlmKeys.ENDPOINT.name(), server.endpoint());
      props.put(VlmKeys.MODEL.name(), "qwen-vl-test");
      props.put(VlmKeys.API_KEY_ENV.name(), "USE_VLM_TEST_VARIABLE_THAT_IS_NOT_SET");
      props.put(VlmKeys.MAX_RETRIES.name(), "1");
      props.put(VlmKeys.BACKOFF_MILLIS.name(), "5");
      props.put(VlmKeys.CACHE_DIR.name(), tmp.resolve("cache").toUri().toString());
      VlmSettings settings = VlmSettings.from(props, conf);

      List<CaptionResult> results;
      String logs;
      try (LogCapture capture = LogCapture.start(Map.of("ai.use.jobs.captions.vlm", Level.TRACE))) {
        results =
            VlmCaptioner.create(settings)
                .caption(
                    Stream.of("ok", "e401", "e503", "bad", "empty", "echo")
                        .map(VlmCaptionerTest::img)
                        .toList());
        logs = capture.text();
      }

      assertThat(server.seen()).allMatch(s -> ("Bearer " + KEY).equals(s.authorization()));
      assertThat(results)
          .extracting(r -> r.isOk() ? r.caption() : r.errorClass())
          .containsExactly(
              "a red bus with a black wheel",
              "VlmHttpError",
              "VlmRetriesExhausted",
              "VlmBadResponse",
              "VlmEmptyCaption",
              "A dog. Your key is ***");
      assertThat(logs).contains("API key: credential alias use.vlm.api.key").contains("retrying");
      assertThat(logs).doesNotContain(KEY);
      assertThat(results.toString()).doesNotContain(KEY).contains("***");
      for (CaptionResult r : results) {
        if (!r.isOk()) {
          assertThat(r.toErrorRecord().toString()).doesNotContain(KEY);
        }
      }
      try (Stream<Path> files = Files.walk(tmp.resolve("cache"))) {
        List<Path> written = files.filter(Files::isRegularFile).toList();
        assertThat(written).anyMatch(f -> f.toString().endsWith(".json"));
        for (Path f : written) {
          assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
              .doesNotContain(KEY);
        }
      }
      ByteArrayOutputStream serialized = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(serialized)) {
        out.writeObject(settings);
      }
      assertThat(serialized.toString(StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
      assertThat(settings.toString()).doesNotContain(KEY);
    }
  }

  @Test
  void theEnvironmentVariableWinsOverTheCredentialProvider() throws Exception {
    Configuration conf = new Configuration();
    conf.set(
        CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
        "localjceks://file" + tmp.resolve("other.jceks"));
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry("use.vlm.api.key", "from-provider".toCharArray());
    provider.flush();

    ApiKey fromEnv = ApiKey.resolve("MY_KEY", "use.vlm.api.key", conf, n -> "from-env");
    ApiKey fromProvider = ApiKey.resolve("MY_KEY", "use.vlm.api.key", conf, n -> null);
    ApiKey none = ApiKey.resolve("MY_KEY", "no.such.alias", new Configuration(), n -> " ");

    assertThat(fromEnv.bearer()).isEqualTo("Bearer from-env");
    assertThat(fromEnv.source()).isEqualTo("environment variable MY_KEY");
    assertThat(fromProvider.bearer()).isEqualTo("Bearer from-provider");
    assertThat(fromProvider.source()).isEqualTo("credential alias use.vlm.api.key");
    assertThat(none.present()).isFalse();
    assertThat(none.source()).isEqualTo("none");
    assertThat(fromEnv.toString()).doesNotContain("from-env");
    assertThat(fromEnv.redact("x from-env y")).isEqualTo("x *** y");
  }
}
