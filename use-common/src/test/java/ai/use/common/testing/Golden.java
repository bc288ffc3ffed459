package ai.use.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the golden vectors of {@code ../shared/golden} (path from {@code use.golden.dir}). */
public final class Golden {
  private Golden() {}

  public static Path dir() {
    String configured = System.getProperty("use.golden.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/golden");
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(
          "golden vectors not found at "
              + dir.toAbsolutePath()
              + ": the repository must be checked out beside ../shared (set -Duse.golden.dir)");
    }
    return dir;
  }

  public static JsonNode read(String name) {
    try {
      return new ObjectMapper().readTree(dir().resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
