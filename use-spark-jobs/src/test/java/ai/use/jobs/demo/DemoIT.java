package ai.use.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's stages on a small toy world, and its machine-readable summary. */
class DemoIT {
  @TempDir Path out;

  @Test
  void writesSummaryJsonWithStableKeysAndMatchingCounts() throws Exception {
    boolean ok = DemoCommand.run(SharedSpark.get(), out, ToyWorldSpec.small(3, 6, 2));

    assertThat(ok).isTrue();
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    JsonNode pairs = summary.get("pairs");
    assertThat(pairs.fieldNames()).toIterable().contains("rows", "errors", "images", "seconds");
    assertThat(pairs.get("rows").asLong())
        .isEqualTo(summary.get("toy").get("train").get("segments").asLong())
        .isPositive();
    assertThat(pairs.get("errors").asLong()).isZero();
    assertThat(pairs.get("images").asLong()).isEqualTo(6);
    assertThat(summary.get("toy").get("spec_version").asInt()).isEqualTo(ToyWorldSpec.SPEC_VERSION);
    assertThat(out.resolve("tables/pairs")).isDirectory();
    JsonNode models = summary.get("models");
    assertThat(models.fieldNames())
        .toIterable()
        .contains(
            "sam_box_iou_pass_rate", "sam_point_iou_pass_rate", "grounder_pass_rate", "zoo_bytes");
    assertThat(models.get("zoo_bytes").asLong()).isBetween(100_000L, 20_000_000L);
    assertThat(models.get("sam_box_iou_pass_rate").asDouble()).isBetween(0.0, 1.0);
    assertThat(out.resolve("tables/pairs.run-summary.json")).isRegularFile();

    // A second demo into the same folder replaces the world and the tables.
    assertThat(DemoCommand.run(SharedSpark.get(), out, ToyWorldSpec.small(3, 6, 2))).isTrue();
  }
}
