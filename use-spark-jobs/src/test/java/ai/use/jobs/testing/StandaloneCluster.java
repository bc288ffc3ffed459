package ai.use.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark standalone cluster on 127.0.0.1 made of separate JVMs started from the project's own jars
 * (no Spark distribution): one master and {@code n} workers with 1 core and 1 GiB each. Executors
 * the workers start are further JVMs, children of their worker. Ready when the master's {@code
 * /json/} shows every worker alive; {@link #close()} ends all of them by PID.
 */
public final class StandaloneCluster implements AutoCloseable {
  /** Longest wait for the master and the workers to come up (3 cold JVMs on 2 cores: ~18 s). */
  static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

  private static final String EXECUTOR_MAIN = "CoarseGrainedExecutorBackend";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(StandaloneCluster.class);

  private final Path baseDir;
  private final int masterPort;
  private final int masterUiPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  private final List<Path> workDirs = new ArrayList<>();
  private final List<Path> logs = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private StandaloneCluster(Path sparkHome, int workerCount, Path baseDir) throws IOException {
    this.baseDir = baseDir;
    this.masterPort = SubmitJvm.freePort();
    this.masterUiPort = SubmitJvm.freePort();
    master =
        startDaemon(
            sparkHome,
            "master",
            List.of("-Dspark.master.rest.enabled=false"),
            List.of(
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                String.valueOf(masterPort),
                "--webui-port",
                String.valueOf(masterUiPort)));
    for (int i = 1; i <= workerCount; i++) {
      Path workDir = Files.createDirectories(baseDir.resolve("worker-" + i));
      workDirs.add(workDir);
      workers.add(
          startDaemon(
              sparkHome,
              "worker-" + i,
              List.of(),
              List.of(
                  "org.apache.spark.deploy.worker.Worker",
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "1",
                  "--memory",
                  "1g",
                  "--webui-port",
                  String.valueOf(SubmitJvm.freePort()),
                  "--work-dir",
                  workDir.toString(),
                  masterUrl())));
    }
  }

  /**
   * Starts a master and {@code workers} workers from {@code sparkHome/jars}, with logs and work
   * dirs under {@code baseDir}, and waits until all workers are registered.
   *
   * @throws IllegalStateException when a JVM exits or the cluster is not ready in time (with the
   *     tails of the daemons' logs); everything started is stopped first
   */
  public static StandaloneCluster start(Path sparkHome, int workers, Path baseDir)
      throws IOException {
    long start = System.nanoTime();
    StandaloneCluster cluster = new StandaloneCluster(sparkHome, workers, baseDir);
    try {
      cluster.awaitWorkers(workers, READY_TIMEOUT);
      LOG.info(
          "standalone cluster {} with {} workers ready in {} s (web UI {}, logs in {})",
          cluster.masterUrl(),
          workers,
          String.format("%.1f", (System.nanoTime() - start) / 1e9),
          cluster.masterWebUi(),
          baseDir);
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private Process startDaemon(
      Path sparkHome, String name, List<String> sysProps, List<String> mainAndArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(SubmitJvm.javaBin());
    command.add("-Xmx512m");
    command.addAll(SubmitJvm.FAST_START_FLAGS);
    command.addAll(SubmitJvm.SPARK_JAVA17_FLAGS);
    command.addAll(sysProps);
    command.add("-cp");
    command.add(SubmitJvm.sparkClasspath(sparkHome));
    command.addAll(mainAndArgs);
    Path log = baseDir.resolve(name + ".log");
    logs.add(log);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(baseDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    SubmitJvm.localEnvironment(builder.environment());
    // Workers launch executors from SPARK_HOME/jars and need the Scala version to find them.
    builder.environment().put("SPARK_HOME", sparkHome.toString());
    builder.environment().put("SPARK_SCALA_VERSION", "2.13");
    return builder.start();
  }

  private void awaitWorkers(int expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int alive = -1;
    while (System.nanoTime() < deadline) {
      for (Process p : daemons()) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              "a cluster JVM exited with code " + p.exitValue() + " while starting\n" + logTails());
        }
      }
      alive = tryMasterState().map(s -> s.path("aliveworkers").asInt(-1)).orElse(-1);
      if (alive == expected) {
        return;
      }
      sleep(300);
    }
    throw new IllegalStateException(
        "the standalone cluster was not ready in "
            + timeout.toSeconds()
            + " s: "
            + alive
            + " of "
            + expected
            + " workers alive at "
            + masterWebUi()
            + "\n"
            + logTails());
  }

  /** {@code spark://127.0.0.1:<port>}: the {@code --master} of jobs on this cluster. */
  public String masterUrl() {
    return "spark://127.0.0.1:" + masterPort;
  }

  /** The master's web UI. */
  public URI masterWebUi() {
    return URI.create("http://127.0.0.1:" + masterUiPort + "/");
  }

  /** The master's state ({@code /json/}: workers, active and completed apps, ...). */
  public JsonNode masterState() {
    return tryMasterState()
        .orElseThrow(() -> new IllegalStateException("no answer from " + masterWebUi()));
  }

  private Optional<JsonNode> tryMasterState() {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(masterWebUi().resolve("/json/"))
              .timeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          ? Optional.of(JSON.readTree(response.body()))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The workers' work dirs: {@code <workDir>/<appId>/<executorId>/{stdout,stderr}}. */
  public List<Path> workDirs() {
    return List.copyOf(workDirs);
  }

  /** The executor dirs the workers made for {@code appId}, one per executor JVM started. */
  public List<Path> executorDirs(String appId) {
    List<Path> dirs = new ArrayList<>();
    for (Path workDir : workDirs) {
      Path app = workDir.resolve(appId);
      if (Files.isDirectory(app)) {
        try (Stream<Path> list = Files.list(app)) {
          list.filter(Files::isDirectory).sorted().forEach(dirs::add);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    dirs.sort(Comparator.comparing(Path::toString));
    return dirs;
  }

  /** Executor JVMs running now: the workers' child processes whose main is the executor backend. */
  public List<ExecutorProcess> executors() {
    List<ExecutorProcess> out = new ArrayList<>();
    for (Process worker : workers) {
      worker
          .descendants()
          .forEach(
              p -> {
                List<String> args = p.info().arguments().map(Arrays::asList).orElse(List.of());
                if (args.stream().anyMatch(a -> a.endsWith(EXECUTOR_MAIN))) {
                  out.add(
                      new ExecutorProcess(
                          p, argAfter(args, "--app-id"), argAfter(args, "--executor-id")));
                }
              });
    }
    return out;
  }

  private static String argAfter(List<String> args, String flag) {
    int i = args.indexOf(flag);
    return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : "";
  }

  /** An executor JVM of the cluster: its process, the app it works for and its executor id. */
  public record ExecutorProcess(ProcessHandle process, String appId, String executorId) {}

  private List<Process> daemons() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    return all;
  }

  /** The last lines of every daemon's log. */
  public String logTails() {
    StringBuilder out = new StringBuilder();
    for (Path log : logs) {
      out.append("--- ").append(log).append('\n').append(SubmitJvm.tail(log, 15)).append('\n');
    }
    return out.toString();
  }

  /** Stops the workers (and the executors they started), then the master; deletes the base dir. */
  @Override
  public void close() {
    for (Process worker : workers) {
      SubmitJvm.destroyTree(worker.toHandle(), Duration.ofSeconds(10));
    }
    SubmitJvm.destroyTree(master.toHandle(), Duration.ofSeconds(10));
    deleteRecursively(baseDir);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a temp dir
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }
}
