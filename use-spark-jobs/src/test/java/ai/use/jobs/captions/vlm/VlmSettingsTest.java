package ai.use.jobs.captions.vlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.config.VlmKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class VlmSettingsTest {
  private static final Map<String, String> MINIMAL =
      Map.of("spark.use.vlm.endpoint", "http://vlm:8000/", "spark.use.vlm.model", "llava");

  @Test
  void defaultsAreTheDocumentedOnes() {
    VlmSettings s = VlmSettings.from(MINIMAL, new Configuration(false));

    assertThat(s.endpoint()).isEqualTo("http://vlm:8000");
    assertThat(s.chatCompletionsUri()).hasToString("http://vlm:8000/v1/chat/completions");
    assertThat(s.prompt()).isEqualTo(VlmPrompt.DETAILED);
    assertThat(s.apiKeyEnv()).isEqualTo("USE_VLM_API_KEY");
    assertThat(s.apiKeyAlias()).isEqualTo("use.vlm.api.key");
    assertThat(s.maxConcurrency()).isEqualTo(4);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.maxRetries()).isEqualTo(4);
    assertThat(s.backoffMillis()).isEqualTo(1000);
    assertThat(s.maxBackoffMillis()).isEqualTo(60_000);
    assertThat(s.maxTokens()).isEqualTo(512);
    assertThat(s.temperature()).isEqualTo(0.0);
    assertThat(s.cacheDir()).isEmpty();
    assertThat(s.toString())
        .isEqualTo(
            "VlmSettings[endpoint=http://vlm:8000, model=llava, prompt=detailed,"
                + " apiKeyEnv=USE_VLM_API_KEY, apiKeyAlias=use.vlm.api.key, maxConcurrency=4,"
                + " timeout=120 s, maxRetries=4, backoffMillis=1000, maxBackoffMillis=60000,"
                + " maxTokens=512, temperature=0.0, cacheDir=(none)]");
  }

  @Test
  void anOpenAiStyleBaseUrlEndingInV1IsAcceptedAsIs() {
    VlmSettings s =
        VlmSettings.from(
            Map.of(
                "spark.use.vlm.endpoint", "https://api.example.com/v1", "spark.use.vlm.model", "m"),
            new Configuration(false));
    assertThat(s.chatCompletionsUri()).hasToString("https://api.example.com/v1/chat/completions");
  }

  @Test
  void missingOrBadValuesNameTheKeyAndWhatToDo() {
    Configuration conf = new Configuration(false);
    assertThatThrownBy(() -> VlmSettings.from(Map.of(), conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("spark.use.vlm.endpoint is not set: pairs --source vlm needs");
    assertThatThrownBy(
            () -> VlmSettings.from(Map.of("spark.use.vlm.endpoint", "http://vlm:8000"), conf))
        .hasMessageStartingWith("spark.use.vlm.model is not set")
        .hasMessageContaining("GET http://vlm:8000/v1/models");
    assertThatThrownBy(
            () ->
                VlmSettings.from(
                    Map.of("spark.use.vlm.endpoint", "vlm:8000", "spark.use.vlm.model", "m"), conf))
        .hasMessageStartingWith("spark.use.vlm.endpoint=vlm:8000 is not allowed: an http://");
    assertThatThrownBy(
            () ->
                VlmSettings.from(
                    Map.of(
                        "spark.use.vlm.endpoint",
                        "http://vlm",
                        "spark.use.vlm.model",
                        "m",
                        "spark.use.vlm.maxConcurrency",
                        "0"),
                    conf))
        .hasMessageContaining("spark.use.vlm.maxConcurrency");
    assertThatThrownBy(
            () ->
                VlmSettings.from(
                    Map.of(
                        "spark.use.vlm.endpoint",
                        "http://vlm",
                        "spark.use.vlm.model",
                        "m",
                        "spark.use.vlm.prompt",
                        "poem"),
                    conf))
        .hasMessageContaining("spark.use.vlm.prompt")
        .hasMessageContaining("detailed, objects");
  }

  @Test
  void settingsTravelToExecutorsWithTheirHadoopConfiguration() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:9000");
    VlmSettings s =
        VlmSettings.from(
            Map.of(
                "spark.use.vlm.endpoint", "http://vlm:8000",
                "spark.use.vlm.model", "qwen",
                "spark.use.vlm.prompt", "OBJECTS",
                "spark.use.vlm.cacheDir", "s3a://bucket/vlm-cache"),
            conf);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    VlmSettings back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (VlmSettings) in.readObject();
    }

    assertThat(back.toString()).isEqualTo(s.toString());
    assertThat(back.prompt()).isEqualTo(VlmPrompt.OBJECTS);
    assertThat(back.hadoop().get().get("fs.s3a.endpoint")).isEqualTo("http://127.0.0.1:9000");
  }

  @Test
  void everyKeyIsASparkUseVlmKey() {
    assertThat(VlmKeys.all()).hasSize(13);
    assertThat(VlmKeys.all()).allMatch(k -> k.name().startsWith("spark.use.vlm."));
  }
}
