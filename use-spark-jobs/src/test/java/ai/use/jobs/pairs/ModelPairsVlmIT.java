package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.config.VlmKeys;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.tables.TableWriter;
import ai.use.jobs.testing.LogCapture;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.apache.logging.log4j.Level;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source vlm} on four held-out toy images whose captions come from an in-test
 * chat-completions server: image 0 is answered with its toy caption, image 1 with an empty text,
 * image 2 with malformed JSON and image 3 first with a 500, then with its caption. Images 0 and 3
 * become pairs, 1 and 2 errors rows — no image is lost. The API key comes from a Hadoop credential
 * provider; the server echoes it in its bad answers, and it appears in no table, summary or log.
 */
class ModelPairsVlmIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sk-pairs-it-4e8b1d7c-DO-NOT-LEAK";

  @TempDir Path world;
  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void vlmCaptionsFeedThePipelineAndBadAnswersAreErrorsRowsWithoutTheKey() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 4), world);
    JsonNode captions = JSON.readTree(world.resolve("annotations/captions_heldout.json").toFile());
    // Each image is told apart by a stretch of its base64 bytes in the request body.
    Map<String, String> markerToFile = new LinkedHashMap<>();
    Map<String, String> captionOf = new HashMap<>();
    for (JsonNode image : captions.get("images")) {
      String file = image.get("file_name").asText();
      byte[] bytes = Files.readAllBytes(world.resolve("images/heldout").resolve(file));
      markerToFile.put(Base64.getEncoder().encodeToString(bytes).substring(3000, 3200), file);
      for (JsonNode c : captions.get("annotations")) {
        if (c.get("image_id").asLong() == image.get("id").asLong()) {
          captionOf.putIfAbsent(file, c.get("caption").asText());
        }
      }
    }
    assertThat(markerToFile).hasSize(4);
    Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    Set<String> authorizations = ConcurrentHashMap.newKeySet();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          authorizations.add(
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          String file =
              markerToFile.entrySet().stream()
                  .filter(e -> body.contains(e.getKey()))
                  .map(Map.Entry::getValue)
                  .findFirst()
                  .orElse("unknown");
          int nth = requests.computeIfAbsent(file, f -> new AtomicInteger()).incrementAndGet();
          int status = 200;
          byte[] bytes;
          switch (file) {
            case "toy_heldout_00001.png" -> bytes = completion("");
            case "toy_heldout_00002.png" ->
                bytes =
                    ("{\"choices\": [{\"message\": oops " + KEY).getBytes(StandardCharsets.UTF_8);
            case "toy_heldout_00003.png" -> {
              if (nth == 1) {
                status = 500;
                bytes =
                    ("{\"error\": \"overloaded, key " + KEY + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
              } else {
                bytes = completion(captionOf.get(file));
              }
            }
            default -> bytes = completion(captionOf.getOrDefault(file, ""));
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();

    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String providers = hadoop.get(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH);
    Configuration keyStore = new Configuration();
    keyStore.set(
        CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
        "localjceks://file" + out.resolve("vlm.jceks"));
    CredentialProvider provider = CredentialProviderFactory.getProviders(keyStore).get(0);
    provider.createCredentialEntry(VlmKeys.API_KEY_ALIAS.defaultValue(), KEY.toCharArray());
    provider.flush();
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put(VlmKeys.ENDPOINT.name(), "http://127.0.0.1:" + server.getAddress().getPort());
    conf.put(VlmKeys.MODEL.name(), "toy-vlm");
    conf.put(VlmKeys.API_KEY_ENV.name(), "");
    conf.put(VlmKeys.BACKOFF_MILLIS.name(), "10");
    conf.put("spark.use.maxErrorRate", "1.0");
    PairsResult result;
    String logs;
    try (LogCapture capture =
        LogCapture.start(
            Map.of("ai.use.jobs.captions.vlm", Level.TRACE, "ai.use.jobs.pairs", Level.DEBUG))) {
      hadoop.set(
          CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH,
          keyStore.get(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH));
      conf.forEach((k, v) -> spark.conf().set(k, v));
      result =
          PairsJob.run(
              spark,
              PairsOptions.vlm(
                  world.resolve("images/heldout").toUri().toString(), out.toUri().toString()));
      logs = capture.text();
    } finally {
      conf.keySet().forEach(k -> spark.conf().unset(k));
      if (providers == null) {
        hadoop.unset(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH);
      } else {
        hadoop.set(CredentialProviderFactory.CREDENTIAL_PROVIDER_PATH, providers);
      }
      server.stop(0);
    }

    assertThat(authorizations).as("the key reaches the server").containsExactly("Bearer " + KEY);
    assertThat(requests)
        .as("the 500 is retried once; the others are asked once")
        .hasSize(4)
        .allSatisfy(
            (file, n) ->
                assertThat(n.get()).as(file).isEqualTo(file.endsWith("00003.png") ? 2 : 1));

    assertThat(result.pairs()).isPositive();
    List<Row> pairs =
        spark
            .read()
            .parquet(out.resolve("pairs").toString())
            .select("image_uri", "source")
            .collectAsList();
    assertThat(pairs).allMatch(r -> r.getString(1).equals("vlm"));
    Set<String> paired =
        pairs.stream().map(r -> r.getString(0).replaceAll(".*/", "")).collect(Collectors.toSet());
    assertThat(paired).containsExactlyInAnyOrder("toy_heldout_00000.png", "toy_heldout_00003.png");
    Map<String, String> errorClassOf =
        spark
            .read()
            .parquet(TableWriter.errorsPath(out.toUri().toString(), PairsJob.NAME))
            .filter("stage = 'caption'")
            .select("uri", "error_class")
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(r -> r.getString(0).replaceAll(".*/", ""), r -> r.getString(1)));
    assertThat(errorClassOf)
        .containsOnly(
            Map.entry("toy_heldout_00001.png", "VlmEmptyCaption"),
            Map.entry("toy_heldout_00002.png", "VlmBadResponse"));
    JsonNode summary = JSON.readTree(out.resolve("pairs.run-summary.json").toFile());
    assertThat(summary.at("/counts/images_read").asLong()).isEqualTo(4);
    assertThat(summary.at("/counts/captions").asLong()).isEqualTo(2);
    assertThat(summary.at("/errors_by_stage/caption").asLong()).isEqualTo(2);

    // The key never leaves the captioner: not in a table, the summary or the log.
    for (String table : List.of("pairs", "pair_spans", "errors")) {
      String rows =
          String.join(
              "\n", spark.read().parquet(out.resolve(table).toString()).toJSON().collectAsList());
      assertThat(rows).as(table).doesNotContain(KEY);
    }
    assertThat(
            spark
                .read()
                .parquet(TableWriter.errorsPath(out.toUri().toString(), PairsJob.NAME))
                .filter("error_class = 'VlmBadResponse'")
                .select("message")
                .as(Encoders.STRING())
                .first())
        .as("the malformed answer echoed the key: its message shows it redacted")
        .contains("not JSON", "***");
    assertThat(Files.readString(out.resolve("pairs.run-summary.json"))).doesNotContain(KEY);
    assertThat(logs)
        .contains("API key: credential alias " + VlmKeys.API_KEY_ALIAS.defaultValue())
        .contains("retrying")
        .doesNotContain(KEY);
  }

  /** A chat-completions answer whose message content is {@code text}. */
  private static byte[] completion(String text) throws java.io.IOException {
    ObjectNode answer = JSON.createObjectNode();
    answer
        .putArray("choices")
        .addObject()
        .putObject("message")
        .put("role", "assistant")
        .put("content", text);
    return JSON.writeValueAsBytes(answer);
  }
}
