package ai.use.jobs.submit;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.SubmitJvm;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's exit codes through the real launch path: {@code spark-submit --master local[2] …
 * ai.use.jobs.cli.UseCli} and the README's launcher {@code bin/use}, each in its own JVM.
 */
class SubmitCliIT {
  private static final String CORRUPT = "toy_train_00002.png";

  @TempDir static Path world;

  @TempDir Path out;
  @TempDir Path logs;

  @BeforeAll
  static void generateWorld() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(5, 6, 2), world);
    Files.write(world.resolve("images/train").resolve(CORRUPT), new byte[] {1, 2, 3, 4, 5});
  }

  private List<String> pairsArgs() {
    return List.of(
        "pairs",
        "--images",
        world.resolve("images/train").toUri().toString(),
        "--instances",
        world.resolve("annotations/instances_train.json").toUri().toString(),
        "--out",
        out.toUri().toString());
  }

  @Test
  void errorRateAboveMaxErrorRateExitsOneWithStatusFailedAndTheErrorRow() throws Exception {
    SubmitResult result =
        SparkSubmitRunner.forMaster("local[2]")
            .withConf("spark.use.maxErrorRate", "0")
            .run(logs, pairsArgs().toArray(String[]::new));

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
    JsonNode summary = new ObjectMapper().readTree(result.stdout());
    assertThat(summary.get("status").asText()).isEqualTo("failed");
    assertThat(summary.get("max_error_rate").asDouble()).isZero();
    assertThat(summary.get("counts").get("errors").asLong()).isEqualTo(1);
    assertThat(summary.get("errors_by_stage").get("decode").asLong()).isEqualTo(1);
    assertThat(out.resolve("errors/job=pairs")).isDirectory();
    assertThat(result.stderr()).doesNotContain("\tat ai.use.");
  }

  @Test
  void badConfigValueThroughBinUseExitsTwoWithOneClearLine() throws Exception {
    Path root = Path.of(System.getProperty("use.repo.root", "..")).toAbsolutePath().normalize();
    Path launcher = root.resolve("bin/use");
    assertThat(launcher).isExecutable();
    List<String> command = new ArrayList<>(List.of(launcher.toString(), "--master", "local[2]"));
    command.addAll(List.of("--conf", "spark.use.maxErrorRate=2"));
    command.addAll(pairsArgs());
    Path stdout = logs.resolve("bin-use.stdout");
    Path stderr = logs.resolve("bin-use.stderr");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(logs.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    SubmitJvm.localEnvironment(builder.environment());
    builder.environment().put("USE_SKIP_BUILD", "1"); // the build under test, never a rebuild
    long start = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      SubmitJvm.destroyTree(process.toHandle(), java.time.Duration.ofSeconds(5));
    }
    SubmitResult result =
        SubmitResult.of(
            process.isAlive() ? -1 : process.exitValue(),
            command,
            stdout,
            stderr,
            (System.nanoTime() - start) / 1e9);

    assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
    assertThat(result.stderr())
        .as(result.describe())
        .contains("use pairs: Invalid value for spark.use.maxErrorRate: '2'. Allowed:")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(result.stdout()).isBlank();
    assertThat(out.resolve("pairs")).doesNotExist();
  }
}
