package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.tables.TableWriter;
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
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pairs --source vlm}: captions come from an in-test chat-completions server that answers
 * one image with its toy caption and the other with an empty text; the first becomes pairs, the
 * second an errors row — no image is lost.
 */
class ModelPairsVlmIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path world;
  @TempDir Path out;
  private final SparkSession spark = SharedSpark.get();

  @Test
  void vlmCaptionsFeedThePipelineAndAnEmptyAnswerIsAnErrorsRow() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(7, 0, 2), world);
    byte[] first = Files.readAllBytes(world.resolve("images/heldout/toy_heldout_00000.png"));
    String marker = Base64.getEncoder().encodeToString(first).substring(3000, 3200);
    String caption =
        JSON.readTree(world.resolve("annotations/captions_heldout.json").toFile())
            .get("annotations")
            .get(0)
            .get("caption")
            .asText();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          ObjectNode answer = JSON.createObjectNode();
          answer
              .putArray("choices")
              .addObject()
              .putObject("message")
              .put("role", "assistant")
              .put("content", body.contains(marker) ? caption : "");
          byte[] bytes = JSON.writeValueAsBytes(answer);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    spark.conf().set("spark.use.vlm.endpoint", "http://127.0.0.1:" + server.getAddress().getPort());
    spark.conf().set("spark.use.vlm.model", "toy-vlm");
    spark.conf().set("spark.use.maxErrorRate", "1.0");
    PairsResult result;
    try {
      result =
          PairsJob.run(
              spark,
              PairsOptions.vlm(
                  world.resolve("images/heldout").toUri().toString(), out.toUri().toString()));
    } finally {
      spark.conf().unset("spark.use.vlm.endpoint");
      spark.conf().unset("spark.use.vlm.model");
      spark.conf().unset("spark.use.maxErrorRate");
      server.stop(0);
    }

    assertThat(result.pairs()).isPositive();
    List<Row> pairs =
        spark
            .read()
            .parquet(out.resolve("pairs").toString())
            .select("image_uri", "source")
            .collectAsList();
    assertThat(pairs).allMatch(r -> r.getString(0).endsWith("toy_heldout_00000.png"));
    assertThat(pairs).allMatch(r -> r.getString(1).equals("vlm"));
    Row error =
        spark
            .read()
            .parquet(TableWriter.errorsPath(out.toUri().toString(), PairsJob.NAME))
            .filter("stage = 'caption'")
            .select("uri", "error_class")
            .first();
    assertThat(error.getString(0)).endsWith("toy_heldout_00001.png");
    assertThat(error.getString(1)).isEqualTo("VlmEmptyCaption");
    JsonNode summary = JSON.readTree(out.resolve("pairs.run-summary.json").toFile());
    assertThat(summary.at("/counts/images_read").asLong()).isEqualTo(2);
    assertThat(summary.at("/counts/captions").asLong()).isEqualTo(1);
    assertThat(summary.at("/errors_by_stage/caption").asLong()).isEqualTo(1);
  }
}
