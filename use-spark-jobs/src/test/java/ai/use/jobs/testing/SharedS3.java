package ai.use.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * One {@link S3Server} for every integration test of a test JVM (S3Proxy takes ~4 s to start here),
 * started on first use and stopped, with its data folder deleted, by a shutdown hook.
 */
public final class SharedS3 {
  private static S3Server server;

  private SharedS3() {}

  /** The shared server, started (and awaited) on first use. */
  public static synchronized S3Server get() {
    return launched().awaitReady();
  }

  /** The shared server, launched on first use but not awaited. */
  private static synchronized S3Server launched() {
    if (server == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("use-s3proxy-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      S3Server started = S3Server.launch(dir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    started.close();
                    deleteRecursively(dir);
                  },
                  "stop-shared-s3"));
      server = started;
    }
    return server;
  }

  /**
   * The shared session with the shared server's s3a settings applied to its Hadoop configuration;
   * other ITs are unaffected (the settings only concern {@code s3a://} paths).
   */
  public static SparkSession sparkOnS3() {
    launched(); // S3Proxy starts while the session does
    SparkSession spark = SharedSpark.get();
    get().applyTo(spark);
    return spark;
  }

  /** A new bucket on the shared server, named {@code <prefix>-<random>}. */
  public static String newBucket(String prefix) {
    return get().createBucket(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit
    }
  }
}
