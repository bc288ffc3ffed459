package ai.use.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.testing.ClusterOutputs;
import ai.use.jobs.testing.SharedCluster;
import ai.use.jobs.testing.SharedSpark;
import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.StandaloneCluster.ExecutorProcess;
import ai.use.jobs.testing.SubmitJvm;
import ai.use.jobs.testing.SubmitResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executor JVM killed (SIGKILL) while {@code pairs} writes its table on the cluster: Spark
 * reruns the lost tasks (and the lost shuffle output and cached blocks) on the other executor and a
 * replacement, and the committed table equals a clean run's, with nothing half-written left.
 */
class ClusterExecutorLossIT {
  private static final Duration KILL_WINDOW = Duration.ofSeconds(150);

  @TempDir static Path world;
  private static ToyWorldSummary summary;

  @TempDir Path out;
  @TempDir Path clean;
  @TempDir Path logs;

  @BeforeAll
  static void generateWorld() throws Exception {
    summary = ToyWorldGenerator.generate(ToyWorldSpec.small(9, 48, 2), world);
  }

  private String uri(String relative) {
    return world.resolve(relative).toUri().toString();
  }

  @Test
  void killedExecutorMidWriteStillCommitsTheCleanRunsRows() throws Exception {
    StandaloneCluster cluster = SharedCluster.get();
    SparkSession spark = SharedSpark.get();
    // The clean run: the same inputs on the local test session (ids are stable across runs).
    PairsJob.run(
        spark,
        new PairsOptions(
            uri("images/train"),
            uri("annotations/instances_train.json"),
            null,
            clean.toUri().toString()));

    SparkSubmitRunner.Submission submission =
        SparkSubmitRunner.forMaster(cluster.masterUrl())
            .withConf("spark.use.partitions", "16")
            .start(
                logs,
                "pairs",
                "--images",
                uri("images/train"),
                "--instances",
                uri("annotations/instances_train.json"),
                "--out",
                out.toUri().toString());
    ExecutorProcess victim = awaitFirstCommittedTask(cluster, submission);
    assertThat(submission.process().isAlive()).as("the job is still running").isTrue();
    victim.process().destroyForcibly();
    victim.process().onExit().get(30, TimeUnit.SECONDS);
    SubmitResult result = submission.await();

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).contains("Lost executor " + victim.executorId());
    // The master replaced the lost executor: a third executor dir for the app.
    assertThat(cluster.executorDirs(victim.appId())).hasSizeGreaterThanOrEqualTo(3);

    long annotations = summary.split(ToySplit.TRAIN).annotations();
    Dataset<Row> expected = spark.read().parquet(clean.resolve("pairs").toString());
    Dataset<Row> actual = spark.read().parquet(out.resolve("pairs").toString());
    assertThat(actual.count()).isEqualTo(annotations);
    assertThat(actual.select("pair_id").distinct().count()).isEqualTo(annotations);
    // Same rows as the clean run, apart from the run id.
    assertThat(actual.drop("run_id").exceptAll(expected.drop("run_id")).count()).isZero();
    assertThat(expected.drop("run_id").exceptAll(actual.drop("run_id")).count()).isZero();
    assertThat(spark.read().parquet(out.resolve("errors/job=pairs").toString()).count()).isZero();
    for (Path table : new Path[] {out.resolve("pairs"), out.resolve("errors/job=pairs")}) {
      assertThat(ClusterOutputs.isCommitted(table)).as("%s committed", table).isTrue();
      assertThat(ClusterOutputs.uncommittedEntries(table)).as("left in %s", table).isEmpty();
    }
  }

  /**
   * Waits until an executor of the submitted app has committed its first task of the table write
   * (so the job is mid-write and that executor holds shuffle output and cached blocks) and returns
   * that executor's JVM.
   */
  private static ExecutorProcess awaitFirstCommittedTask(
      StandaloneCluster cluster, SparkSubmitRunner.Submission submission) throws Exception {
    long deadline = System.nanoTime() + KILL_WINDOW.toNanos();
    while (System.nanoTime() < deadline && submission.process().isAlive()) {
      Optional<String> appId = SubmitResult.appIdIn(SubmitJvm.readLog(submission.stderrFile()));
      if (appId.isPresent()) {
        for (ExecutorProcess executor : cluster.executors()) {
          if (executor.appId().equals(appId.get()) && committedATask(cluster, executor)) {
            return executor;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "no executor committed a task in "
            + KILL_WINDOW.toSeconds()
            + " s (job alive: "
            + submission.process().isAlive()
            + ")\n"
            + SubmitJvm.tail(submission.stderrFile(), 40));
  }

  private static boolean committedATask(StandaloneCluster cluster, ExecutorProcess executor) {
    for (Path dir : cluster.executorDirs(executor.appId())) {
      Path log = dir.resolve("stderr");
      if (dir.getFileName().toString().equals(executor.executorId())
          && SubmitJvm.readLog(log).contains("Saved output of task")) {
        return true;
      }
    }
    return false;
  }
}
