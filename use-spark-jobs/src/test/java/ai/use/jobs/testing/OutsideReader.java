package ai.use.jobs.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a Parquet table folder the way a tool outside Spark would: with DuckDB (JDBC, in-process),
 * so the tests check what was really written, not what Spark reads back. Files are picked as Spark
 * picks them: {@code *.parquet} below the folder, skipping any path segment that starts with {@code
 * _} or {@code .} (so committer leftovers would not hide). Hive partition folders are not turned
 * into columns. {@code s3a://} tables are downloaded with the S3 client first (DuckDB's httpfs
 * extension would have to be downloaded, which is not possible offline).
 */
public final class OutsideReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OutsideReader() {}

  /** A column as DuckDB sees it, e.g. {@code mask STRUCT(size INTEGER[], counts VARCHAR)}. */
  public record Column(String name, String type) {}

  /**
   * A table read from outside: schema, row count, rows (as JSON-like maps: lists for arrays, maps
   * for structs, Integer/Long/Double/String/Boolean/null for scalars) and the files read.
   */
  public record Table(
      List<Column> schema, long rowCount, List<Map<String, Object>> rows, List<Path> files) {
    public List<String> columnNames() {
      return schema.stream().map(Column::name).toList();
    }

    /** The DuckDB type of {@code column}. */
    public String type(String column) {
      return schema.stream()
          .filter(c -> c.name().equals(column))
          .map(Column::type)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no column " + column + " in " + schema));
    }
  }

  /** Reads the Parquet table under the local folder {@code dir}. */
  public static Table read(Path dir) {
    List<Path> files;
    try (Stream<Path> paths = Files.walk(dir)) {
      files =
          paths
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".parquet"))
              .filter(p -> visible(dir.relativize(p).toString()))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    if (files.isEmpty()) {
      return new Table(List.of(), 0, List.of(), List.of());
    }
    String list =
        files.stream()
            .map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    String from = "read_parquet(" + list + ", hive_partitioning = false)";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      List<Column> schema = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("DESCRIBE SELECT * FROM " + from)) {
        while (rs.next()) {
          schema.add(new Column(rs.getString("column_name"), rs.getString("column_type")));
        }
      }
      long count;
      try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + from)) {
        rs.next();
        count = rs.getLong(1);
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (ResultSet rs =
          statement.executeQuery("SELECT to_json(t)::VARCHAR FROM " + from + " t")) {
        while (rs.next()) {
          rows.add(JSON.readValue(rs.getString(1), new TypeReference<Map<String, Object>>() {}));
        }
      }
      return new Table(List.copyOf(schema), count, List.copyOf(rows), files);
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("DuckDB cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Downloads the table at {@code s3aUri} ({@code s3a://bucket/path}) from {@code server} into
   * {@code tempDir} (Parquet files Spark would read only) and reads it.
   */
  public static Table read(S3Server server, String s3aUri, Path tempDir) {
    URI uri = URI.create(s3aUri);
    if (!"s3a".equals(uri.getScheme())) {
      throw new IllegalArgumentException("not an s3a:// URI: " + s3aUri);
    }
    String key = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : uri.getPath();
    server.download(
        uri.getHost(),
        key,
        tempDir,
        relative -> relative.endsWith(".parquet") && visible(relative));
    return read(tempDir);
  }

  /** Spark's file index skips every path segment that starts with '_' or '.'. */
  private static boolean visible(String relative) {
    for (String segment : relative.replace('\\', '/').split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return false;
      }
    }
    return true;
  }
}
