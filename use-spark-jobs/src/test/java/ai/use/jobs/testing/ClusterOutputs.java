package ai.use.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Checks on what a job left in an output folder (committed Parquet, nothing half-written). */
public final class ClusterOutputs {
  /** A committed Parquet part file, {@code _SUCCESS}, or their local-filesystem checksums. */
  private static final Pattern COMMITTED =
      Pattern.compile(
          "\\.?(part-\\d{5}-[0-9a-f-]+-c\\d{3}(\\.snappy)?\\.parquet|_SUCCESS)(\\.crc)?");

  private ClusterOutputs() {}

  /**
   * Every file and folder under {@code table} that is not a committed part file or {@code _SUCCESS}
   * (e.g. {@code _temporary}, attempt files); empty for a cleanly committed table.
   */
  public static List<String> uncommittedEntries(Path table) {
    try (Stream<Path> walk = Files.walk(table)) {
      return walk.filter(p -> !p.equals(table))
          .map(p -> table.relativize(p).toString())
          .filter(name -> !COMMITTED.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code table} holds {@code _SUCCESS} and at least one part file. */
  public static boolean isCommitted(Path table) {
    try (Stream<Path> list = Files.list(table)) {
      return Files.exists(table.resolve("_SUCCESS"))
          && list.anyMatch(p -> p.getFileName().toString().startsWith("part-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
