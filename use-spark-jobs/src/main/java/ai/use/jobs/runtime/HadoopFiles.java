package ai.use.jobs.runtime;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.UnknownStoreException;

/**
 * Small files through Hadoop's FileSystem (so {@code file://}, plain paths and {@code s3a://} all
 * work): annotation JSON in, run summaries out. Failures name the URI and, for {@code s3a://}, the
 * bucket and the endpoint, and say what to check; they never print credentials.
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
            what + " " + uri + " does not exist" + where(path, conf) + "; check the path");
      }
      return fs.open(path);
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(
          what + " " + uri + " does not exist" + where(path, conf) + "; check the path", e);
    } catch (IOException e) {
      throw accessFailure("read " + what, uri, e, conf);
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
      throw new UncheckedIOException(accessFailure("write", uri, e, conf).getMessage(), e);
    }
  }

  /**
   * The failure to {@code action} (e.g. "read --instances", "list --images") {@code uri}, as an
   * {@link IllegalArgumentException} whose message names the URI, the bucket and endpoint for
   * {@code s3a://}, the cause, and what to check: a missing bucket, an unreachable endpoint, denied
   * access, or anything else.
   */
  public static IllegalArgumentException accessFailure(
      String action, String uri, IOException e, Configuration conf) {
    Path path = new Path(uri);
    String bucket = s3aBucket(path);
    String cause = rootMessage(e);
    String message;
    if (bucket != null && has(e, UnknownStoreException.class)) {
      message =
          "cannot "
              + action
              + " "
              + uri
              + ": bucket "
              + bucket
              + " does not exist at "
              + endpoint(bucket, conf)
              + "; check the bucket name and fs.s3a.endpoint (S3A never creates buckets)";
    } else if (has(e, ConnectException.class)
        || has(e, UnknownHostException.class)
        || has(e, NoRouteToHostException.class)
        || has(e, SocketTimeoutException.class)
        || has(e, org.apache.hadoop.net.ConnectTimeoutException.class)) {
      message =
          "cannot "
              + action
              + " "
              + uri
              + ": "
              + (bucket != null
                  ? endpoint(bucket, conf) + " of bucket " + bucket
                  : "its file system")
              + " cannot be reached ("
              + cause
              + "); check "
              + (bucket != null
                  ? "fs.s3a.endpoint, fs.s3a.connection.ssl.enabled (http vs https), the network"
                      + " and any proxy (fs.s3a.proxy.*)"
                  : "the host name and the network");
    } else if (has(e, java.nio.file.AccessDeniedException.class)) {
      message =
          "cannot "
              + action
              + " "
              + uri
              + ": access denied"
              + where(path, conf)
              + " ("
              + cause
              + "); check the credentials"
              + (bucket != null
                  ? " (fs.s3a.aws.credentials.provider and its keys), fs.s3a.endpoint.region"
                      + " and the bucket policy"
                  : " and the permissions");
    } else {
      message =
          "cannot "
              + action
              + " "
              + uri
              + where(path, conf)
              + ": "
              + e.getMessage()
              + "; check the path and access";
    }
    return new IllegalArgumentException(message, e);
  }

  /**
   * {@code " (bucket b at endpoint http://…)"} for an {@code s3a://} path, empty otherwise: where a
   * failing path was looked for.
   */
  public static String where(Path path, Configuration conf) {
    String bucket = s3aBucket(path);
    return bucket == null ? "" : " (bucket " + bucket + " at " + endpoint(bucket, conf) + ")";
  }

  /** The bucket of an {@code s3a://} path, or null for any other scheme. */
  private static String s3aBucket(Path path) {
    java.net.URI uri = path.toUri();
    return "s3a".equalsIgnoreCase(uri.getScheme()) ? uri.getAuthority() : null;
  }

  /** The effective endpoint of a bucket (per-bucket key first), as S3A resolves it. */
  private static String endpoint(String bucket, Configuration conf) {
    String endpoint = conf.getTrimmed("fs.s3a.bucket." + bucket + ".endpoint", "");
    if (endpoint.isEmpty()) {
      endpoint = conf.getTrimmed("fs.s3a.endpoint", "");
    }
    return endpoint.isEmpty()
        ? "AWS S3's default endpoint (fs.s3a.endpoint is not set)"
        : "endpoint " + endpoint;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String simple = root.getClass().getSimpleName();
    return root.getMessage() == null ? simple : simple + ": " + root.getMessage();
  }
}
