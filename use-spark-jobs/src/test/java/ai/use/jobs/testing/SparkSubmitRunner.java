package ai.use.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a USE job the way a user does: {@code java <flags> -cp "<spark-home>/jars/*"
 * org.apache.spark.deploy.SparkSubmit --master … --deploy-mode client --class
 * ai.use.jobs.cli.UseCli --jars <pytorch-native-cpu jar> --conf … <app jar> <job> <options>}, in
 * its own JVM with {@code SPARK_LOCAL_IP=127.0.0.1}; stdout and stderr go to files. Immutable: each
 * {@code with…} returns a changed copy.
 */
public final class SparkSubmitRunner {
  /** Longest a test submission may run unless {@link #withTimeout} says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(3);

  private static final Logger LOG = LoggerFactory.getLogger(SparkSubmitRunner.class);

  private final Path sparkHome;
  private final Path appJar;
  private final String master;
  private final Map<String, String> conf;
  private final Duration timeout;

  private SparkSubmitRunner(
      Path sparkHome, Path appJar, String master, Map<String, String> conf, Duration timeout) {
    this.sparkHome = sparkHome;
    this.appJar = appJar;
    this.master = master;
    this.conf = Map.copyOf(conf);
    this.timeout = timeout;
  }

  /**
   * A runner for {@code master} with the Spark home and app jar Failsafe names, 512 MiB / 1 core
   * executors, DJL offline on the executors and no Spark UI.
   */
  public static SparkSubmitRunner forMaster(String master) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.executor.memory", "512m");
    conf.put("spark.executor.cores", "1");
    conf.put(
        "spark.executor.extraJavaOptions",
        String.join(" ", SubmitJvm.DJL_FLAGS) + " " + String.join(" ", SubmitJvm.FAST_START_FLAGS));
    conf.put("spark.executorEnv.DJL_OFFLINE", "true");
    conf.put("spark.executorEnv.OPT_OUT_TRACKING", "true");
    conf.put("spark.ui.enabled", "false");
    return new SparkSubmitRunner(
        SubmitJvm.sparkHome(), SubmitJvm.appJar(), master, conf, DEFAULT_TIMEOUT);
  }

  /** The same runner with {@code --conf key=value} added (or replaced). */
  public SparkSubmitRunner withConf(String key, String value) {
    Map<String, String> changed = new LinkedHashMap<>(conf);
    changed.put(key, value);
    return new SparkSubmitRunner(sparkHome, appJar, master, changed, timeout);
  }

  /** The same runner with another time limit for {@link Submission#await()}. */
  public SparkSubmitRunner withTimeout(Duration limit) {
    return new SparkSubmitRunner(sparkHome, appJar, master, conf, limit);
  }

  /** The full command line for {@code jobArgs} (a job name and its options). */
  public List<String> command(String... jobArgs) {
    List<String> command = new ArrayList<>();
    command.add(SubmitJvm.javaBin());
    command.add("-Xmx768m");
    command.addAll(SubmitJvm.FAST_START_FLAGS);
    command.addAll(SubmitJvm.SPARK_JAVA17_FLAGS);
    command.addAll(SubmitJvm.DJL_FLAGS);
    command.add("-cp");
    command.add(SubmitJvm.sparkClasspath(sparkHome));
    command.add("org.apache.spark.deploy.SparkSubmit");
    command.addAll(List.of("--master", master, "--deploy-mode", "client"));
    command.addAll(List.of("--class", "ai.use.jobs.cli.UseCli"));
    command.addAll(List.of("--jars", SubmitJvm.nativeTorchJar(sparkHome).toString()));
    conf.forEach((k, v) -> command.addAll(List.of("--conf", k + "=" + v)));
    command.add(appJar.toString());
    command.addAll(Arrays.asList(jobArgs));
    return command;
  }

  /** Starts the submission; its output goes to {@code logDir/submit.stdout} and {@code .stderr}. */
  public Submission start(Path logDir, String... jobArgs) {
    List<String> command = command(jobArgs);
    try {
      Files.createDirectories(logDir);
      Path stdout = logDir.resolve("submit.stdout");
      Path stderr = logDir.resolve("submit.stderr");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(logDir.toFile())
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      SubmitJvm.localEnvironment(builder.environment());
      String label = "--master " + master + " " + (jobArgs.length > 0 ? jobArgs[0] : "");
      return new Submission(
          builder.start(), command, label, stdout, stderr, timeout, System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** Runs the submission to its end (or the time limit) and returns its exit code and output. */
  public SubmitResult run(Path logDir, String... jobArgs) {
    return start(logDir, jobArgs).await();
  }

  /** A running submission. */
  public static final class Submission {
    private final Process process;
    private final List<String> command;
    private final String label;
    private final Path stdout;
    private final Path stderr;
    private final Duration timeout;
    private final long startNanos;

    Submission(
        Process process,
        List<String> command,
        String label,
        Path stdout,
        Path stderr,
        Duration timeout,
        long startNanos) {
      this.process = process;
      this.command = command;
      this.label = label;
      this.stdout = stdout;
      this.stderr = stderr;
      this.timeout = timeout;
      this.startNanos = startNanos;
    }

    /** The spark-submit JVM (the driver, in client mode). */
    public Process process() {
      return process;
    }

    /** The driver's stderr file (Spark's log), readable while it runs. */
    public Path stderrFile() {
      return stderr;
    }

    /**
     * Waits for the end; past the time limit the driver and its children are killed and an {@link
     * IllegalStateException} carries the output tails.
     */
    public SubmitResult await() {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          SubmitJvm.destroyTree(process.toHandle(), Duration.ofSeconds(5));
          throw new IllegalStateException(
              "spark-submit did not end in "
                  + timeout.toSeconds()
                  + " s: "
                  + String.join(" ", command)
                  + "\n--- stderr tail\n"
                  + SubmitJvm.tail(stderr, 40));
        }
      } catch (InterruptedException e) {
        SubmitJvm.destroyTree(process.toHandle(), Duration.ofSeconds(5));
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for spark-submit", e);
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      SubmitResult result = SubmitResult.of(process.exitValue(), command, stdout, stderr, seconds);
      LOG.info(
          "spark-submit {} ended with exit code {} in {} s",
          label,
          result.exitCode(),
          String.format("%.1f", seconds));
      return result;
    }
  }
}
