package ai.use.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server for the tests: S3Proxy (filesystem backend) in its own JVM on
 * 127.0.0.1, with random credentials and AWS v2/v4 signing. S3Proxy is never loaded in-process: its
 * jar carries unshaded AWS SDK, Guava and Jackson that clash with Spark.
 *
 * <p>Buckets are created through the AWS SDK v2 (S3A never creates buckets). {@link
 * #hadoopSettings()} gives the {@code fs.s3a.*} keys that point Hadoop at the server; {@link
 * #close()} stops the process it started, by PID.
 */
public final class S3Server implements AutoCloseable {
  /** System property with the path of S3Proxy's jar-with-dependencies (set by the failsafe pom). */
  public static final String JAR_PROPERTY = "use.s3proxy.jar";

  /** Region the server and every client use (S3Proxy accepts any; the SDK needs one). */
  public static final String REGION = "us-east-1";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final Path workDir;
  private final Path log;
  private final String endpoint;
  private final String accessKey;
  private final String secretKey;
  private final long launchedAt = System.nanoTime();
  private boolean ready;
  private S3Client client;

  private S3Server(
      Process process,
      Path workDir,
      Path log,
      String endpoint,
      String accessKey,
      String secretKey) {
    this.process = process;
    this.workDir = workDir;
    this.log = log;
    this.endpoint = endpoint;
    this.accessKey = accessKey;
    this.secretKey = secretKey;
  }

  /** Starts S3Proxy from the jar named by system property {@value #JAR_PROPERTY}. */
  public static S3Server start(Path workDir) {
    return launch(workDir).awaitReady();
  }

  /**
   * Launches S3Proxy from the jar named by system property {@value #JAR_PROPERTY} without waiting
   * for it; call {@link #awaitReady()} before use (lets the caller start other things meanwhile).
   */
  public static S3Server launch(Path workDir) {
    String jar = System.getProperty(JAR_PROPERTY);
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "system property "
              + JAR_PROPERTY
              + " = "
              + jar
              + " does not name S3Proxy's jar; run the ITs through Maven (failsafe sets it after"
              + " the process-test-resources phase copies target/test-tools/s3proxy.jar)");
    }
    return launch(Path.of(jar), workDir);
  }

  /**
   * Starts S3Proxy from {@code jar} with its data and log under {@code workDir}; returns once the
   * server answers HTTP, or fails (stopping the process) with the tail of its log.
   */
  public static S3Server start(Path jar, Path workDir) {
    return launch(jar, workDir).awaitReady();
  }

  /** Launches S3Proxy from {@code jar} without waiting for it (see {@link #awaitReady()}). */
  public static S3Server launch(Path jar, Path workDir) {
    try {
      Files.createDirectories(workDir);
      Path data = Files.createDirectories(workDir.resolve("data"));
      Path log = workDir.resolve("s3proxy.log");
      Path properties = workDir.resolve("s3proxy.properties");
      int port = freePort();
      String endpoint = "http://127.0.0.1:" + port;
      String accessKey = "use-test-" + randomHex(6);
      String secretKey = "use-secret-" + randomHex(16);
      Files.writeString(
          properties,
          String.join(
              "\n",
              "s3proxy.endpoint=" + endpoint,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + accessKey,
              "s3proxy.credential=" + secretKey,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + data.toAbsolutePath(),
              ""));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "--properties",
                  properties.toAbsolutePath().toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // S3Proxy's logback reads LOG_LEVEL; request lines at INFO are useful when a test fails.
      builder.environment().put("LOG_LEVEL", "info");
      Process process = builder.start();
      return new S3Server(process, workDir, log, endpoint, accessKey, secretKey);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start S3Proxy from " + jar + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns once the server answers HTTP (at once if it did before); otherwise stops it and fails
   * with the tail of its log, at the latest 60 s after the launch.
   */
  public synchronized S3Server awaitReady() {
    if (!ready) {
      try {
        waitForAnswer();
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      ready = true;
    }
    return this;
  }

  private void waitForAnswer() {
    long deadline = launchedAt + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with code "
                + process.exitValue()
                + " before answering on "
                + endpoint
                + "; last lines of "
                + log
                + ":\n"
                + logTail(40));
      }
      if (answers()) {
        return;
      }
      sleep(100);
    }
    throw new IllegalStateException(
        "S3Proxy did not answer on "
            + endpoint
            + " within "
            + START_TIMEOUT.toSeconds()
            + " s; last lines of "
            + log
            + ":\n"
            + logTail(40));
  }

  /** Any HTTP answer (an unsigned request gets 403) means Jetty is serving. */
  private boolean answers() {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(endpoint).toURL().openConnection();
      connection.setConnectTimeout(500);
      connection.setReadTimeout(2000);
      try {
        return connection.getResponseCode() > 0;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  /** The last {@code lines} lines of the server's log. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log " + log + " unreadable: " + e.getMessage() + ")";
    }
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return accessKey;
  }

  /** The secret key: for clients only; tests assert it never reaches logs or summaries. */
  public String secretKey() {
    return secretKey;
  }

  /** The server's process id. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The {@code fs.s3a.*} settings (plus the committer factory) that point Hadoop at this server,
   * with the magic committer selected. Spark 4 with spark-hadoop-cloud on the classpath already
   * sets the SQL side ({@code spark.sql.sources.commitProtocolClass} = PathOutputCommitProtocol,
   * {@code spark.sql.parquet.output.committer.class} = BindingParquetOutputCommitter) at session
   * start.
   */
  public Map<String, String> hadoopSettings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("fs.s3a.endpoint", endpoint);
    s.put("fs.s3a.endpoint.region", REGION);
    s.put("fs.s3a.path.style.access", "true");
    s.put("fs.s3a.connection.ssl.enabled", "false");
    s.put("fs.s3a.access.key", accessKey);
    s.put("fs.s3a.secret.key", secretKey);
    s.put(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    s.put("fs.s3a.committer.name", "magic");
    s.put("fs.s3a.committer.magic.enabled", "true");
    s.put(
        "mapreduce.outputcommitter.factory.scheme.s3a",
        "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory");
    return s;
  }

  /** Sets {@link #hadoopSettings()} on {@code conf}. */
  public void applyTo(Configuration conf) {
    hadoopSettings().forEach(conf::set);
  }

  /**
   * Sets {@link #hadoopSettings()} on the session's Hadoop configuration (all later jobs see it).
   */
  public void applyTo(SparkSession spark) {
    applyTo(spark.sparkContext().hadoopConfiguration());
  }

  /** An SDK v2 client for this server (path-style, region and endpoint set); closed by close(). */
  public synchronized S3Client client() {
    if (client == null) {
      client =
          S3Client.builder()
              .endpointOverride(URI.create(endpoint))
              .region(Region.of(REGION))
              .forcePathStyle(true)
              .credentialsProvider(
                  StaticCredentialsProvider.create(
                      AwsBasicCredentials.create(accessKey, secretKey)))
              .build();
    }
    return client;
  }

  /** Creates {@code bucket} (no error if this server already has it); returns its name. */
  public String createBucket(String bucket) {
    try {
      client().createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // already there
    }
    return bucket;
  }

  /**
   * Uploads every file under {@code dir} to {@code bucket} under {@code prefix} (keys {@code
   * prefix/relative/path}); returns the number of objects written.
   */
  public int uploadDirectory(Path dir, String bucket, String prefix) {
    String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    int n = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String key = base + dir.relativize(file).toString().replace('\\', '/');
        client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
        n++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + dir + ": " + e.getMessage(), e);
    }
    return n;
  }

  /** Keys under {@code prefix} in {@code bucket}, sorted. */
  public List<String> listKeys(String bucket, String prefix) {
    List<String> keys = new ArrayList<>();
    for (S3Object o :
        client().listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
      keys.add(o.key());
    }
    keys.sort(String::compareTo);
    return keys;
  }

  /** Whether {@code bucket} holds {@code key}. */
  public boolean exists(String bucket, String key) {
    try {
      client().headObject(b -> b.bucket(bucket).key(key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  /** The object's content as UTF-8 text. */
  public String getString(String bucket, String key) {
    return client().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }

  /**
   * Downloads every object under {@code prefix} whose path below it passes {@code keep} into {@code
   * target}, keeping the relative layout; returns the local files.
   */
  public List<Path> download(
      String bucket, String prefix, Path target, java.util.function.Predicate<String> keep) {
    String base = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    List<Path> out = new ArrayList<>();
    for (String key : listKeys(bucket, base)) {
      String relative = key.substring(base.length());
      if (relative.isEmpty() || !keep.test(relative)) {
        continue;
      }
      Path file = target.resolve(relative);
      try {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      client().getObject(b -> b.bucket(bucket).key(key), ResponseTransformer.toFile(file));
      out.add(file);
    }
    return out;
  }

  /** Number of multipart uploads begun but neither completed nor aborted in {@code bucket}. */
  public int pendingUploads(String bucket) {
    return client().listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
  }

  /** Stops the S3Proxy process this object started (destroy, then destroyForcibly). */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "S3Server[" + endpoint + ", pid " + process.pid() + ", dir " + workDir + "]";
  }

  /** A TCP port nothing listens on at the moment of the call. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  private static String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
    }
  }
}
