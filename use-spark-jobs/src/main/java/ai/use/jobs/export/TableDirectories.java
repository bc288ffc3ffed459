package ai.use.jobs.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the tables under an output root: every folder holding Spark's {@code _SUCCESS} marker is a
 * table, or a partition of one when its name is {@code key=value} (then the table is the nearest
 * ancestor that is not a partition folder, e.g. {@code label/segments} for {@code
 * label/segments/run_date=2026-11-25}).
 */
public final class TableDirectories {
  private static final Pattern PARTITION = Pattern.compile("[^=/]+=[^/]*");

  private TableDirectories() {}

  /** Table roots under {@code root}, sorted, as paths relative to it. */
  public static List<Path> under(Path root) {
    return List.copyOf(withDataFolders(root).keySet());
  }

  /**
   * Table roots under {@code root} (relative, sorted), each with its data folders (absolute,
   * sorted): the folders Spark wrote, which may sit at different partition depths when several jobs
   * share a table, e.g. {@code errors/job=eval} and {@code errors/job=label/run_date=D}.
   */
  public static SortedMap<Path, List<Path>> withDataFolders(Path root) {
    SortedMap<Path, List<Path>> tables = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(p -> p.getFileName().toString().equals("_SUCCESS"))
          .map(Path::getParent)
          .sorted()
          .forEach(
              data ->
                  tables
                      .computeIfAbsent(root.relativize(tableRoot(data)), k -> new ArrayList<>())
                      .add(data));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list tables under " + root, e);
    }
    return tables;
  }

  /** The table a data folder belongs to: itself, or its nearest non-partition ancestor. */
  static Path tableRoot(Path dataDir) {
    Path dir = dataDir;
    while (dir.getParent() != null && PARTITION.matcher(dir.getFileName().toString()).matches()) {
      dir = dir.getParent();
    }
    return dir;
  }

  /** The export name of a table: its relative path with {@code /} turned into {@code .}. */
  static String exportName(Path relative) {
    return relative.toString().replace('/', '.').replace('\\', '.');
  }
}
