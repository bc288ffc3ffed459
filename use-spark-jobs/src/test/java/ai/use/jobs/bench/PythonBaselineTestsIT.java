package ai.use.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python baseline's own tests ({@code tools/bench/tests}: its mask generation against the
 * committed AMG goldens, RLE and patch weights against hand-computed cases, the script end to end)
 * under Debian's {@code /usr/bin/python3}. Skipped, with the reason, only where that interpreter
 * cannot import torch.
 */
class PythonBaselineTestsIT {
  @Test
  void theBaselinesPythonTestsPass() throws Exception {
    String noPython = PythonTool.unavailableReason();
    assumeTrue(noPython == null, () -> "the Python baseline cannot run: " + noPython);
    Path root = Path.of(System.getProperty("use.repo.root", "..")).toAbsolutePath().normalize();
    ProcessBuilder pb =
        new ProcessBuilder(
                PythonTool.PYTHON.toString(),
                "-W",
                "ignore",
                "-m",
                "unittest",
                "discover",
                "-s",
                "tools/bench/tests",
                "-v")
            .directory(root.toFile())
            .redirectErrorStream(true);
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("python tests finish").isTrue();
    System.out.println(log);
    assertThat(p.exitValue()).as("tools/bench python tests:%n%s", log).isZero();
    assertThat(log).contains("OK");
  }
}
