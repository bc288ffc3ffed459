package ai.use.jobs.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files through Hadoop's FileSystem (so {@code file://}, plain paths and {@code s3a://} all
 * work): annotation JSON in, run summaries out. Failures name the URI.
 */
public final class HadoopFiles {
  private HadoopFiles() {}

  /** Opens {@code uri} for reading; fails with a message naming it when it cannot be read. */
  public static InputStream open(String uri, Configuration conf, String what) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new IllegalArgumentException(
            what + " " + uri + " does not exist; check the path (and bucket) and try again");
      }
      return fs.open(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + what + " " + uri + ": " + e.getMessage() + "; check the path and access",
          e);
    }
  }

  /** Writes {@code text} to {@code uri}, replacing it. */
  public static void writeString(String uri, String text, Configuration conf) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(conf);
      try (OutputStream out = fs.create(path, true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + uri + ": " + e.getMessage(), e);
    }
  }
}
