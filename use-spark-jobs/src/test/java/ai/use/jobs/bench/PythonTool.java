package ai.use.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code tools/bench/} under Debian's {@code /usr/bin/python3} (the interpreter
 * that has {@code python3-torch}) and reads the JSON it prints last.
 */
final class PythonTool {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path toolsDir;

  PythonTool(Path repoRoot) {
    this.toolsDir = repoRoot.resolve("tools/bench");
  }

  /** Whether the interpreter exists and imports torch; otherwise why not. */
  static String unavailableReason() {
    if (!Files.isExecutable(PYTHON)) {
      return PYTHON + " is missing: run bin/install-deps (Debian python3-torch)";
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return PYTHON + " cannot import torch: run bin/install-deps (Debian python3-torch)";
      }
    } catch (IOException e) {
      return "cannot start " + PYTHON + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
    return null;
  }

  /**
   * Runs {@code script args…}; its stderr goes to this JVM's stderr, the last line of its stdout
   * that is a JSON object is returned.
   */
  JsonNode run(String script, List<String> args, long timeoutMinutes)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(PYTHON.toString(), toolsDir.resolve(script).toString()));
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    // The baseline runs as a Python user runs it: not with our JVM's MKL shim (native/mkl-amd).
    builder.environment().remove("LD_PRELOAD");
    Process p = builder.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " ran past " + timeoutMinutes + " min");
    }
    String stdout = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited " + p.exitValue() + "; stdout:\n" + stdout);
    }
    String[] lines = stdout.strip().split("\n");
    for (int i = lines.length - 1; i >= 0; i--) {
      if (lines[i].startsWith("{")) {
        return JSON.readTree(lines[i]);
      }
    }
    throw new IOException(String.join(" ", command) + " printed no JSON line; stdout:\n" + stdout);
  }
}
