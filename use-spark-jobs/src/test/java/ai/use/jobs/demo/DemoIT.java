package ai.use.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.SharedDemo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole demo chain on a small toy world (the run shared with the notebook tests): every stage
 * writes its tables and its figures land in summary.json under stable keys.
 */
class DemoIT {
  @Test
  void writesSummaryJsonWithStableKeysAndMatchingCounts() throws Exception {
    Path out = SharedDemo.output();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());

    JsonNode pairs = summary.get("pairs");
    assertThat(pairs.get("rows").asLong())
        .isEqualTo(summary.get("toy").get("train").get("segments").asLong())
        .isPositive();
    assertThat(pairs.get("errors").asLong()).isZero();
    assertThat(pairs.get("images").asLong()).isEqualTo(SharedDemo.SPEC.trainImages());
    for (String k :
        new String[] {"object_precision", "object_recall", "part_precision", "part_recall"}) {
      assertThat(pairs.hasNonNull(k)).as(k).isTrue();
      assertThat(pairs.get(k).asDouble()).as(k).isBetween(0.0, 1.0);
    }
    assertThat(pairs.path("images_per_second").asDouble()).isPositive();
    assertThat(pairs.get("object_precision").asDouble()).isPositive();
    assertThat(summary.get("toy").get("spec_version").asInt()).isEqualTo(ToyWorldSpec.SPEC_VERSION);

    JsonNode models = summary.get("models");
    assertThat(models.get("zoo_bytes").asLong()).isBetween(100_000L, 20_000_000L);
    assertThat(models.get("sam_box_iou_pass_rate").asDouble()).isBetween(0.0, 1.0);
    JsonNode amg = summary.get("amg");
    assertThat(amg.get("recall").asDouble()).isBetween(0.0, 1.0);
    assertThat(amg.get("masks_per_image").asDouble()).isPositive();
    assertThat(amg.get("postprocess_share").asDouble()).isBetween(0.0, 1.0);

    JsonNode train = summary.get("train");
    assertThat(train.get("rounds").asInt()).isEqualTo(24);
    assertThat(train.get("heldout_top1").asDouble())
        .as("trained beats untrained")
        .isGreaterThan(train.get("untrained_top1").asDouble());
    assertThat(train.get("segments_per_second").asDouble()).isPositive();

    JsonNode label = summary.get("label");
    assertThat(label.get("images").asInt()).isEqualTo(SharedDemo.SPEC.heldoutImages());
    assertThat(label.get("segments").asInt()).isPositive();
    for (String k : new String[] {"miou", "miou_untrained", "miou_clip_only"}) {
      assertThat(label.get(k).asDouble()).as(k).isBetween(0.0, 1.0);
    }
    JsonNode query = summary.get("query");
    assertThat(query.get("text").asText()).isEqualTo(DemoCommand.QUERY);
    assertThat(query.get("top")).isNotEmpty();

    assertThat(out.resolve("tables/pairs")).isDirectory();
    assertThat(out.resolve("tables/features")).isDirectory();
    assertThat(out.resolve("train/head/head.json")).isRegularFile();
    assertThat(out.resolve("label/segments")).isDirectory();
    assertThat(out.resolve("tables/pairs.run-summary.json")).isRegularFile();
    String report = Files.readString(out.resolve("report.html"));
    assertThat(report).contains("data:image/png;base64,", DemoCommand.QUERY);
  }
}
