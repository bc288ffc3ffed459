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
 * images: images/s of the compute stage from each run summary, and their ratio.
 */
final class ClusterScaling {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Images/s with one and with two executors, per repeat. */
  record Result(Spread oneExecutor, Spread twoExecutors, Spread speedUp) {}

  private ClusterScaling() {}

  static Result measure(Path work, Path images, Path vocab, int pointsPerSide, int repeats)
      throws IOException {
    List<Double> one = new ArrayList<>();
    List<Double> two = new ArrayList<>();
    List<Double> ratio = new ArrayList<>();
    try (StandaloneCluster cluster =
        StandaloneCluster.start(SubmitJvm.sparkHome(), 2, Files.createDirectories(work))) {
      long imageCount;
      try (var files = Files.list(images)) {
        imageCount = files.count();
      }
      for (int r = 0; r < repeats; r++) {
        double a =
            run(cluster, work.resolve("one-" + r), images, vocab, pointsPerSide, 1, imageCount);
        double b =
            run(cluster, work.resolve("two-" + r), images, vocab, pointsPerSide, 2, imageCount);
        one.add(a);
        two.add(b);
        ratio.add(b / a);
        System.out.printf(
            "bench: cluster repeat %d: 1 executor %.3f images/s, 2 executors %.3f, speed-up %.2f%n",
            r + 1, a, b, b / a);
      }
    }
    return new Result(Spread.of(one), Spread.of(two), Spread.of(ratio));
  }

  private static double run(
      StandaloneCluster cluster,
      Path dir,
      Path images,
      Path vocab,
      int pointsPerSide,
      int executors,
      long imageCount)
      throws IOException {
    Path out = dir.resolve("out");
    SubmitResult result =
        SparkSubmitRunner.forMaster(cluster.masterUrl())
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
    return summary.get("counts").get("images_processed").asDouble()
        / summary.get("compute_wall_seconds").asDouble();
  }
}
