package ai.use.jobs.bench;

import ai.use.jobs.testing.SparkSubmitRunner;
import ai.use.jobs.testing.StandaloneCluster;
import ai.use.jobs.testing.SubmitJvm;
import ai.use.jobs.testing.SubmitResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The label job submitted with {@code spark-submit} to a two-worker standalone cluster (1 core per
 * worker), once with one executor ({@code spark.cores.max=1}) and once with two, on the same
 * images: images/s of the compute stage (steady state: executors up, models loaded) and of the
 * whole job (the run summary's wall time: listing, executor model loads, writes, commit), and the
 * compute-stage ratio. The executors inherit this JVM's {@code LD_PRELOAD} (the MKL shim of {@code
 * native/mkl-amd}) when it has one.
 */
final class ClusterScaling {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Images/s with one and with two executors over the repeats: compute stage, whole job, and the
   * speed-ups of both.
   */
  record Result(
      Spread oneExecutor,
      Spread twoExecutors,
      Spread speedUp,
      Spread oneExecutorWholeJob,
      Spread twoExecutorsWholeJob,
      Spread wholeJobSpeedUp) {}

  /** One run's images/s: compute stage and whole job. */
  private record Rates(double compute, double wholeJob) {}

  private ClusterScaling() {}

  static Result measure(Path work, Path images, Path vocab, int pointsPerSide, int repeats)
      throws IOException {
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    List<Double> oneWhole = new ArrayList<>();
    List<Double> twoWhole = new ArrayList<>();
    List<Double> wholeRatio = new ArrayList<>();
    try (StandaloneCluster cluster =
        StandaloneCluster.start(SubmitJvm.sparkHome(), 2, Files.createDirectories(work))) {
      long imageCount;
      try (var files = Files.list(images)) {
        imageCount = files.count();
      }
      for (int r = 0; r < repeats; r++) {
        Rates a =
            run(cluster, work.resolve("one-" + r), images, vocab, pointsPerSide, 1, imageCount);
        Rates b =
            run(cluster, work.resolve("two-" + r), images, vocab, pointsPerSide, 2, imageCount);
        one.add(a.compute());
        two.add(b.compute());
        ratio.add(b.compute() / a.compute());
        oneWhole.add(a.wholeJob());
        twoWhole.add(b.wholeJob());
        wholeRatio.add(b.wholeJob() / a.wholeJob());
        System.out.printf(
            "bench: cluster repeat %d: compute stage 1 executor %.3f images/s, 2 executors %.3f,"
                + " speed-up %.2f; whole job %.3f vs %.3f images/s%n",
            r + 1, a.compute(), b.compute(), b.compute() / a.compute(), a.wholeJob(), b.wholeJob());
      }
    }
    return new Result(
        Spread.of(one),
        Spread.of(two),
        Spread.of(ratio),
        Spread.of(oneWhole),
        Spread.of(twoWhole),
        Spread.of(wholeRatio));
  }

  private static Rates run(
      StandaloneCluster cluster,
      Path dir,
      Path images,
      Path vocab,
      int pointsPerSide,
      int executors,
      long imageCount)
      throws IOException {
    Path out = dir.resolve("out");
    SparkSubmitRunner submit = SparkSubmitRunner.forMaster(cluster.masterUrl());
    String preload = System.getenv("LD_PRELOAD");
    if (preload != null && !preload.isBlank()) {
      submit = submit.withConf("spark.executorEnv.LD_PRELOAD", preload);
    }
    SubmitResult result =
        submit
            .withConf("spark.cores.max", Integer.toString(executors))
            .withConf("spark.executor.cores", "1")
            // The test runner's executors run C1-only for start-up speed; measure with the full
            // JIT.
            .withConf(
                "spark.executor.extraJavaOptions",
                "-Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dai.djl.pytorch.num_threads=1"
                    + " -Dai.djl.pytorch.num_interop_threads=1")
            .withConf("spark.use.partitions", Long.toString(imageCount))
            .withTimeout(Duration.ofMinutes(20))
            .run(
                Files.createDirectories(dir.resolve("logs")),
                "label",
                "--images",
                images.toUri().toString(),
                "--out",
                out.toUri().toString(),
                "--run-date",
                "2026-01-01",
                "--vocab",
                vocab.toUri().toString(),
                "--embedder",
                "clip-dense",
                "--points-per-side",
                Integer.toString(pointsPerSide));
    if (result.exitCode() != 0) {
      throw new IOException("label on the cluster failed: " + result.describe());
    }
    JsonNode summary = JSON.readTree(out.resolve("label.run-summary.json").toFile());
    double processed = summary.get("counts").get("images_processed").asDouble();
    return new Rates(
        processed / summary.get("compute_wall_seconds").asDouble(),
        processed / summary.get("wall_seconds").asDouble());
  }
}
