package ai.use.jobs.captions.vlm;

import static ai.use.jobs.captions.vlm.FakeChatServer.Reply;
import static ai.use.jobs.captions.vlm.FakeChatServer.image;
import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.models.SerializableConfiguration;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The captioner against an in-test chat-completions server: every documented behaviour. */
class VlmCaptionerTest {
  static final String KEY = "sk-test-0123456789-SECRET";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path tmp;
  private FakeChatServer server;
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static VlmSettings settings(
      String endpoint, int maxConcurrency, Duration timeout, int maxRetries, String cacheDir) {
    return new VlmSettings(
        endpoint,
        "llava-test",
        VlmPrompt.DETAILED,
        "USE_VLM_API_KEY",
        "",
        maxConcurrency,
        timeout,
        maxRetries,
        20,
        5_000,
        256,
        0.0,
        cacheDir,
        new SerializableConfiguration(new Configuration()));
  }

  private VlmCaptioner captioner(VlmSettings s, boolean realSleep) {
    ApiKey key = ApiKey.resolve("USE_VLM_API_KEY", "", new Configuration(), name -> KEY);
    VlmCaptioner.Sleeper sleeper =
        d -> {
          sleeps.add(d);
          if (realSleep) {
            Thread.sleep(d.toMillis());
          }
        };
    return new VlmCaptioner(s, key, CLIENT, sleeper, new Random(7));
  }

  private VlmCaptioner captioner(int maxRetries) {
    return captioner(settings(server.endpoint(), 4, Duration.ofSeconds(5), maxRetries, ""), false);
  }

  static ImageBytes img(String tag) {
    return new ImageBytes("id-" + tag, "file:/images/" + tag + ".png", image(tag));
  }

  @Test
  void sendsTheImageAndPromptAndReturnsTheNormalizedCaption() throws IOException {
    server =
        new FakeChatServer((tag, n) -> Reply.caption("  A **red** car\n\nwith a black tyre. "));

    List<CaptionResult> out = captioner(2).caption(List.of(img("car")));

    assertThat(out)
        .containsExactly(
            new CaptionResult(
                "id-car",
                "file:/images/car.png",
                "A red car with a black tyre.",
                null,
                null,
                1,
                false));
    FakeChatServer.Seen seen = server.seen().get(0);
    assertThat(seen.path()).isEqualTo("/v1/chat/completions");
    assertThat(seen.authorization()).isEqualTo("Bearer " + KEY);
    assertThat(seen.body().get("model").asText()).isEqualTo("llava-test");
    assertThat(seen.body().get("max_tokens").asInt()).isEqualTo(256);
    assertThat(seen.body().at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(seen.body().at("/messages/0/content").asText()).isEqualTo(VlmPrompt.SYSTEM);
    assertThat(seen.body().at("/messages/1/content/0/text").asText())
        .isEqualTo(VlmPrompt.DETAILED.user());
    assertThat(seen.body().at("/messages/1/content/1/type").asText()).isEqualTo("image_url");
    assertThat(seen.body().at("/messages/1/content/1/image_url/url").asText())
        .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(image("car")));
  }

  @Test
  void aSlowAnswerTimesOutAndIsRetried() throws IOException {
    server =
        new FakeChatServer(
            (tag, n) -> n == 1 ? Reply.caption("too late").after(3_000) : Reply.caption("a dog"));
    VlmCaptioner c =
        captioner(settings(server.endpoint(), 4, Duration.ofMillis(400), 2, ""), false);

    CaptionResult r = c.caption(List.of(img("dog"))).get(0);

    assertThat(r.caption()).isEqualTo("a dog");
    assertThat(r.requests()).isEqualTo(2);
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void answersThatAlwaysTimeOutExhaustTheRetries() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.caption("too late").after(3_000));
    VlmCaptioner c =
        captioner(settings(server.endpoint(), 4, Duration.ofMillis(300), 1, ""), false);

    CaptionResult r = c.caption(List.of(img("slow"))).get(0);

    assertThat(r.isOk()).isFalse();
    assertThat(r.errorClass()).isEqualTo("VlmRetriesExhausted");
    assertThat(r.message())
        .startsWith("no caption after 2 requests to " + server.endpoint() + "/v1/chat/completions")
        .contains("last: no answer within 0.3 s")
        .contains("spark.use.vlm.maxConcurrency");
    assertThat(r.requests()).isEqualTo(2);
    assertThat(r.toErrorRecord().stage()).isEqualTo("caption");
  }

  @Test
  void tooManyRequestsAndServerErrorsAreRetriedHonouringRetryAfter() throws IOException {
    server =
        new FakeChatServer(
            (tag, n) ->
                switch (n) {
                  case 1 ->
                      Reply.status(429, "{\"error\":\"slow down\"}").withHeader("Retry-After", "2");
                  case 2 -> Reply.status(500, "{\"error\":\"oops\"}");
                  default -> Reply.caption("a cat on a mat");
                });

    CaptionResult r = captioner(3).caption(List.of(img("cat"))).get(0);

    assertThat(r.caption()).isEqualTo("a cat on a mat");
    assertThat(r.requests()).isEqualTo(3);
    assertThat(server.requests()).isEqualTo(3);
    assertThat(sleeps).hasSize(2);
    assertThat(sleeps.get(0)).as("Retry-After: 2").isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(sleeps.get(1))
        .as("second backoff of 20 ms base")
        .isBetween(Duration.ofMillis(20), Duration.ofMillis(40));
  }

  @Test
  void aServerThatKeepsFailingGivesRetriesExhaustedAfterMaxRetriesPlusOneRequests()
      throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.status(503, "overloaded"));

    CaptionResult r = captioner(3).caption(List.of(img("x"))).get(0);

    assertThat(r.errorClass()).isEqualTo("VlmRetriesExhausted");
    assertThat(r.message()).contains("last: HTTP 503: overloaded");
    assertThat(server.requests()).isEqualTo(4);
    assertThat(sleeps).hasSize(3);
  }

  @Test
  void malformedJsonIsABadResponseAndNotRetried() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.status(200, "{\"choices\": [ {\"message\": "));

    CaptionResult r = captioner(3).caption(List.of(img("x"))).get(0);

    assertThat(r.errorClass()).isEqualTo("VlmBadResponse");
    assertThat(r.message()).startsWith("the answer is not JSON").contains("{\"choices\"");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void jsonThatIsNotAChatCompletionIsABadResponse() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.status(200, "{\"text\":\"a dog\"}"));

    CaptionResult r = captioner(3).caption(List.of(img("x"))).get(0);

    assertThat(r.errorClass()).isEqualTo("VlmBadResponse");
    assertThat(r.message()).contains("no choices[0].message");
  }

  @Test
  void emptyBlankOrNullTextIsAnEmptyCaption() throws IOException {
    server =
        new FakeChatServer(
            (tag, n) ->
                switch (tag) {
                  case "empty" -> Reply.status(200, FakeChatServer.completion("\"\""));
                  case "blank" -> Reply.status(200, FakeChatServer.completion("\" \\n ** \""));
                  default -> Reply.status(200, FakeChatServer.completion("null"));
                });

    List<CaptionResult> out =
        captioner(3).caption(List.of(img("empty"), img("blank"), img("null")));

    assertThat(out).extracting(CaptionResult::errorClass).containsOnly("VlmEmptyCaption");
    assertThat(out.get(0).message()).startsWith("the model answered with no text");
    assertThat(server.requests()).isEqualTo(3);
  }

  @Test
  void aClientErrorIsNotRetriedAndSaysWhatToCheck() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.status(401, "{\"error\":\"invalid api key\"}"));

    CaptionResult r = captioner(3).caption(List.of(img("x"))).get(0);

    assertThat(r.errorClass()).isEqualTo("VlmHttpError");
    assertThat(r.message())
        .startsWith("HTTP 401 from ")
        .contains("check the API key (environment variable USE_VLM_API_KEY");
    assertThat(server.requests()).isEqualTo(1);
  }

  @Test
  void badImagesAreErrorsWithoutARequest() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.caption("never"));

    List<CaptionResult> out =
        captioner(3)
            .caption(
                List.of(
                    new ImageBytes("e", "file:/e.png", new byte[0]),
                    new ImageBytes("t", "file:/t.txt", "hello".getBytes())));

    assertThat(out).extracting(CaptionResult::errorClass).containsOnly("VlmBadImage");
    assertThat(out.get(0).message()).isEqualTo("the image file is empty: nothing to send");
    assertThat(out.get(1).message())
        .contains("not a PNG, JPEG, GIF, WebP or BMP file (it starts with 68656c6c)");
    assertThat(server.requests()).isZero();
  }

  @Test
  void everyImageGetsOneResultInInputOrderWhateverHappens() throws IOException {
    server =
        new FakeChatServer(
            (tag, n) ->
                switch (tag.substring(0, 2)) {
                  case "ok" -> Reply.caption("caption of " + tag).after(tag.length() * 7L);
                  case "bd" -> Reply.status(200, "not json");
                  case "em" -> Reply.caption("");
                  case "re" -> n == 1 ? Reply.status(502, "") : Reply.caption("late " + tag);
                  default -> Reply.status(503, "down");
                });
    List<ImageBytes> images = new ArrayList<>();
    String[] tags = {"ok1", "bd1", "ok22", "em1", "re1", "dn1", "ok333", "re2", "ok4"};
    for (String t : tags) {
      images.add(img(t));
    }

    List<CaptionResult> out = captioner(1).caption(images);

    assertThat(out)
        .extracting(CaptionResult::imageId)
        .containsExactly(Stream.of(tags).map(t -> "id-" + t).toArray(String[]::new));
    assertThat(out)
        .extracting(r -> r.isOk() ? r.caption() : r.errorClass())
        .containsExactly(
            "caption of ok1",
            "VlmBadResponse",
            "caption of ok22",
            "VlmEmptyCaption",
            "late re1",
            "VlmRetriesExhausted",
            "caption of ok333",
            "late re2",
            "caption of ok4");
  }

  @Test
  void aRerunWithTheCacheSendsNoSecondRequest() throws IOException {
    server = new FakeChatServer((tag, n) -> Reply.caption("a photo subject " + tag));
    String cacheDir = tmp.resolve("vlm-cache").toUri().toString();
    VlmSettings s = settings(server.endpoint(), 4, Duration.ofSeconds(5), 1, cacheDir);
    List<ImageBytes> images = List.of(img("a"), img("b"), img("c"));

    List<CaptionResult> first = captioner(s, false).caption(images);
    List<CaptionResult> second = captioner(s, false).caption(images);

    assertThat(server.requests()).isEqualTo(3);
    assertThat(first).extracting(CaptionResult::cached).containsOnly(false);
    assertThat(second).extracting(CaptionResult::cached).containsOnly(true);
    assertThat(second).extracting(CaptionResult::requests).containsOnly(0);
    assertThat(second)
        .extracting(CaptionResult::caption)
        .isEqualTo(first.stream().map(CaptionResult::caption).toList());
    try (Stream<Path> files = Files.walk(tmp.resolve("vlm-cache"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(3);
    }

    // Another prompt or model is another question: asked again.
    VlmSettings objects =
        new VlmSettings(
            s.endpoint(),
            s.model(),
            VlmPrompt.OBJECTS,
            s.apiKeyEnv(),
            s.apiKeyAlias(),
            s.maxConcurrency(),
            s.timeout(),
            s.maxRetries(),
            s.backoffMillis(),
            s.maxBackoffMillis(),
            s.maxTokens(),
            s.temperature(),
            s.cacheDir(),
            s.hadoop());
    captioner(objects, false).caption(List.of(img("a")));
    assertThat(server.requests()).isEqualTo(4);
  }

  @Test
  void failuresAreNotCachedSoARerunAsksAgain() throws IOException {
    server = new FakeChatServer((tag, n) -> n == 1 ? Reply.caption("") : Reply.caption("a kite"));
    String cacheDir = tmp.resolve("vlm-cache").toUri().toString();
    VlmSettings s = settings(server.endpoint(), 4, Duration.ofSeconds(5), 0, cacheDir);

    assertThat(captioner(s, false).caption(List.of(img("k"))).get(0).errorClass())
        .isEqualTo("VlmEmptyCaption");
    CaptionResult rerun = captioner(s, false).caption(List.of(img("k"))).get(0);

    assertThat(rerun.caption()).isEqualTo("a kite");
    assertThat(rerun.cached()).isFalse();
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void requestsInFlightNeverExceedMaxConcurrencyAcrossTasksOfTheJvm() throws Exception {
    server = new FakeChatServer((tag, n) -> Reply.caption("c " + tag).after(120));
    VlmSettings s = settings(server.endpoint(), 2, Duration.ofSeconds(10), 0, "");
    ExecutorService tasks = Executors.newFixedThreadPool(3);
    try {
      List<Future<List<CaptionResult>>> futures = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        List<ImageBytes> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          batch.add(img("t" + t + "i" + i));
        }
        VlmCaptioner c = captioner(s, true);
        futures.add(tasks.submit(() -> c.caption(batch)));
      }
      for (Future<List<CaptionResult>> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS)).allMatch(CaptionResult::isOk);
      }
    } finally {
      tasks.shutdownNow();
    }
    assertThat(server.requests()).isEqualTo(12);
    assertThat(server.maxInFlight()).isEqualTo(2);
  }
}
