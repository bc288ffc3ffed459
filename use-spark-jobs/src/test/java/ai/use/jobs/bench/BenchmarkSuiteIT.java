package ai.use.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite on a tiny setting, so that {@code bin/bench} cannot rot: the Java label job
 * and the Python baseline cut the same masks (same count per image, every matched IoU ≥ 0.99), and
 * every table is written with finite figures. Its timings are not asserted.
 */
class BenchmarkSuiteIT {
  @TempDir Path out;

  @Test
  void theJavaLabelJobAndThePythonBaselineCutTheSameMasksAndEveryTableIsWritten() throws Exception {
    String noPython = PythonTool.unavailableReason();
    assumeTrue(noPython == null, () -> "the Python baseline cannot run: " + noPython);
    BenchmarkSuite.Options options =
        BenchmarkSuite.Options.parse(
            new String[] {
              "--images",
              "2",
              "--repeats",
              "1",
              "--points-per-side",
              "8",
              "--out",
              out.toString(),
              "--no-cluster",
              "--no-train",
              "--no-pairs",
              "--no-head",
              "--gemm-seconds",
              "0.5"
            });
    JsonNode results =
        BenchmarkSuite.run(options, Path.of("..").toAbsolutePath(), SharedSpark.get());

    JsonNode parity = results.get("mask_parity");
    assertThat(parity.get("images").asInt()).isEqualTo(2);
    assertThat(parity.get("imagesWithSameCount").asInt()).isEqualTo(2);
    assertThat(parity.get("masks").asInt())
        .isPositive()
        .isEqualTo(parity.get("baselineMasks").asInt());
    assertThat(parity.get("minIou").asDouble()).isGreaterThanOrEqualTo(MaskParity.MIN_IOU);

    assertThat(results.get("gemm").get("java_gflops").asDouble()).isPositive();
    assertThat(results.get("gemm").get("ceiling").asDouble()).isPositive();
    assertThat(results.get("gemm").get("python_gflops").asDouble()).isPositive();
    assertThat(results.get("gemm").get("java_threads_measured").asInt()).isEqualTo(1);
    assertThat(results.get("gemm").get("python").get("threads").asInt()).isEqualTo(1);
    assertThat(results.get("gemm").get("java_over_python").asDouble()).isPositive().isFinite();
    assertThat(
            results
                .get("label_java")
                .get("stagesPerImage")
                .get("preprocess")
                .get("median")
                .asDouble())
        .as("Java preprocessing timed apart")
        .isPositive();
    for (String stage : new String[] {"sam_encoder", "prompt_decoding", "backbones"}) {
      assertThat(results.get("limit").get(stage + "_gflops").asDouble()).as(stage).isPositive();
    }
    JsonNode comparison = results.get("label_comparison");
    assertThat(comparison.get("java_seconds_per_image").asDouble()).isPositive();
    assertThat(comparison.get("python_seconds_per_image").asDouble()).isPositive();
    assertThat(comparison.get("end_to_end_ratio").asDouble()).isPositive().isFinite();

    String tables = Files.readString(out.resolve("BENCHMARKS-tables.md"));
    assertThat(tables)
        .contains("Matrix multiply 512³")
        .contains("The limit")
        .contains("Label job vs Python baseline")
        .contains("threads (measured)")
        .contains("— equal.");
  }
}
