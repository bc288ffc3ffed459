package ai.use.jobs.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every JVM the cluster tests start needs: Spark's Java 17 module flags, the Spark home and
 * app jar Failsafe hands over, free ports on 127.0.0.1, log tails and process-tree teardown.
 */
public final class SubmitJvm {
  /** The {@code --add-opens} list Spark needs on Java 17 (shared/PLATFORM.md, as in bin/use). */
  public static final List<String> SPARK_JAVA17_FLAGS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-modules=jdk.incubator.vector",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "-Djdk.reflect.useDirectMethodHandle=false",
          "-Dio.netty.tryReflectionSetAccessible=true");

  /**
   * JIT and GC settings for short-lived test JVMs on a small machine: C1 only and the serial
   * collector. Measured on 2 cores: a 40-image {@code pairs} run on the two-worker cluster took 41
   * s with the defaults and 25 s with these (daemons start faster too). Tests only; never in
   * bin/use.
   */
  public static final List<String> FAST_START_FLAGS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** DJL's offline and thread flags (PLATFORM.md), for drivers and executors. */
  public static final List<String> DJL_FLAGS =
      List.of(
          "-Dai.djl.offline=true",
          "-DOPT_OUT_TRACKING=true",
          "-Dai.djl.pytorch.num_threads=1",
          "-Dai.djl.pytorch.num_interop_threads=1");

  private SubmitJvm() {}

  /** The {@code java} of the running JVM. */
  public static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * The "Spark home" (a folder with {@code jars/}) from Failsafe's {@code use.spark.home}; outside
   * Failsafe, {@code target/spark-home} of the working directory (the module when run from an IDE).
   */
  public static Path sparkHome() {
    Path home = Path.of(System.getProperty("use.spark.home", "target/spark-home")).toAbsolutePath();
    if (!Files.isDirectory(home.resolve("jars"))) {
      throw new IllegalStateException(
          "no Spark jars in "
              + home.resolve("jars")
              + "; build with 'mvn -DskipTests package' (or run the test through 'mvn verify',"
              + " which sets use.spark.home)");
    }
    return home;
  }

  /** The application jar from Failsafe's {@code use.app.jar} (or {@code target/...-app.jar}). */
  public static Path appJar() {
    Path jar =
        Path.of(System.getProperty("use.app.jar", "target/use-spark-jobs-0.1.0-SNAPSHOT-app.jar"))
            .toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no application jar at " + jar + "; build with 'mvn -DskipTests package'");
    }
    return jar;
  }

  /** The classpath entry of every jar in the Spark home ({@code <home>/jars/*}). */
  public static String sparkClasspath(Path sparkHome) {
    return sparkHome.resolve("jars") + "/*";
  }

  /** The pytorch-native-cpu jar of the Spark home, which travels with {@code --jars}. */
  public static Path nativeTorchJar(Path sparkHome) {
    try (var files = Files.list(sparkHome.resolve("jars"))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("pytorch-native-cpu-"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no pytorch-native-cpu jar in " + sparkHome));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + sparkHome, e);
    }
  }

  /** A port free on 127.0.0.1 now (another process may take it before it is used: rare). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on 127.0.0.1", e);
    }
  }

  /** Environment every Spark JVM of the tests gets: bind to 127.0.0.1, DJL offline. */
  public static void localEnvironment(Map<String, String> env) {
    env.remove("SPARK_HOME"); // never a real distribution's scripts or conf by accident
    env.remove("SPARK_CONF_DIR");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_HOSTNAME", "localhost");
    env.put("DJL_OFFLINE", "true");
    env.put("OPT_OUT_TRACKING", "true");
  }

  /** A log file's text, also while it is written (malformed bytes replaced); "" if absent. */
  public static String readLog(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code lines} lines of a log file, for failure messages ("" if it is unreadable). */
  public static String tail(Path file, int lines) {
    List<String> all = readLog(file).lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * Ends {@code process} and every process it started (executors of a worker, a driver's children):
   * SIGTERM to all, then SIGKILL to what is left after {@code grace}. Descendants are collected
   * first, while they are still descendants.
   */
  public static void destroyTree(ProcessHandle process, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process);
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        if (left > 0) {
          p.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        // still alive: killed below
      }
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }
}
