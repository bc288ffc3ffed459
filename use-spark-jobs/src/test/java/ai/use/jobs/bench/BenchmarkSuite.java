package ai.use.jobs.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.label.AmgFlags;
import ai.use.jobs.label.LabelJob;
import ai.use.jobs.label.LabelOptions;
import ai.use.jobs.label.LabelPaths;
import ai.use.jobs.label.LabelResult;
import ai.use.jobs.pairs.PairsJob;
import ai.use.jobs.pairs.PairsOptions;
import ai.use.jobs.pairs.PairsResult;
import ai.use.model.bench.ProcessMemory;
import ai.use.model.head.FeaturePooling;
import ai.use.model.head.HeadArtifact;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.UseHead;
import ai.use.model.runtime.MklAmdPreload;
import ai.use.model.runtime.TorchEngine;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import ai.use.model.zoo.ToyZoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark suite behind {@code bin/bench}: on a fresh toy world it measures, in one run, the
 * label job per stage (local[1], 1 libtorch thread) against the Python baseline of {@code
 * tools/bench/} on the same images and TorchScript files (after checking both cut the same masks),
 * both runtimes' matmul GFLOP/s, the machine's two-process ceiling c, the label job's 2-executor
 * speed-up on a standalone cluster, the pairs job and the train job's round machinery; prints
 * everything and writes {@code BENCHMARKS-tables.md} and {@code bench.json} to {@code --out}.
 *
 * <pre>
 * bin/bench [--images 24] [--repeats 3] [--points-per-side 16] [--out target/bench]
 *           [--no-cluster] [--no-python] [--no-train] [--no-pairs] [--no-head] [--gemm-seconds 3]
 * </pre>
 */
public final class BenchmarkSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final LocalDate NIGHT = LocalDate.of(2026, 1, 1);

  /** Java's and Python's matmul rates count as equal when their ratio is within 1 ± this. */
  static final double GEMM_EQUAL_WITHIN = 0.10;

  static final String VOCAB = "circle\nsquare\ntriangle\ndiamond\n";

  private final Options options;
  private final Path repoRoot;
  private final ObjectNode results = JSON.createObjectNode();
  private final MarkdownReport report = new MarkdownReport();

  record Options(
      int images,
      int repeats,
      int pointsPerSide,
      Path out,
      boolean cluster,
      boolean python,
      boolean train,
      boolean pairs,
      boolean head,
      double gemmSeconds) {
    static Options parse(String[] args) {
      int images = 24;
      int repeats = 3;
      int points = 16;
      Path out = Path.of("target/bench");
      boolean cluster = true;
      boolean python = true;
      boolean train = true;
      boolean pairs = true;
      boolean head = true;
      double gemmSeconds = 3;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--images" -> images = Integer.parseInt(args[++i]);
          case "--repeats" -> repeats = Integer.parseInt(args[++i]);
          case "--points-per-side" -> points = Integer.parseInt(args[++i]);
          case "--out" -> out = Path.of(args[++i]);
          case "--no-cluster" -> cluster = false;
          case "--no-python" -> python = false;
          case "--no-train" -> train = false;
          case "--no-pairs" -> pairs = false;
          case "--no-head" -> head = false;
          case "--gemm-seconds" -> gemmSeconds = Double.parseDouble(args[++i]);
          case "-h", "--help" -> {
            System.out.println(
                "bin/bench [--images 24] [--repeats 3] [--points-per-side 16] [--out DIR]"
                    + " [--no-cluster] [--no-python] [--no-train] [--no-pairs] [--no-head]"
                    + " [--gemm-seconds 3]");
            System.exit(0);
          }
          default ->
              throw new IllegalArgumentException("unknown option " + args[i] + "; see --help");
        }
      }
      if (images < 1 || repeats < 1 || points < 1 || !(gemmSeconds > 0)) {
        throw new IllegalArgumentException(
            "--images, --repeats and --points-per-side must be >= 1, --gemm-seconds > 0");
      }
      return new Options(
          images,
          repeats,
          points,
          out.toAbsolutePath(),
          cluster,
          python,
          train,
          pairs,
          head,
          gemmSeconds);
    }
  }

  private BenchmarkSuite(Options options, Path repoRoot) {
    this.options = options;
    this.repoRoot = repoRoot;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path root = Path.of(System.getProperty("use.repo.root", "..")).toAbsolutePath().normalize();
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("use-bench")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    try {
      run(options, root, spark);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the suite on {@code spark} (per-image figures are per task slot when it has one) and
   * returns what it wrote to {@code bench.json}.
   */
  static JsonNode run(Options options, Path repoRoot, SparkSession spark) throws Exception {
    BenchmarkSuite suite = new BenchmarkSuite(options, repoRoot);
    suite.run(spark);
    return suite.results;
  }

  private void run(SparkSession spark) throws Exception {
    Files.createDirectories(options.out());
    Path world = options.out().resolve("world");
    if (!Files.isDirectory(world)) {
      ToyWorldGenerator.generate(ToyWorldSpec.small(99, options.images(), 1), world);
    }
    Path images = world.resolve("images/train");
    Path vocab = Files.writeString(options.out().resolve("vocab.txt"), VOCAB);
    TorchEngine.get();
    report.heading(
        "Benchmarks",
        String.format(
            "%d toy images (seed 99), %d×%d points, %d repeats, %d cores, libtorch threads %d (measured)",
            options.images(),
            options.pointsPerSide(),
            options.pointsPerSide(),
            options.repeats(),
            Runtime.getRuntime().availableProcessors(),
            JniUtils.getNumThreads()));

    String pythonMissing = options.python() ? PythonTool.unavailableReason() : "--no-python";
    PythonTool python = new PythonTool(repoRoot);
    gemm(python, pythonMissing);

    LabelFigures java = label(spark, images, vocab);
    if (pythonMissing == null) {
      limit(python, java);
      baseline(spark, python, images, java);
    } else {
      report.note("Python baseline not run: " + pythonMissing);
      LabelComparison.report(report, results, java, null, Map.of(), null);
    }
    if (options.head()) {
      headLabel(spark, images, vocab);
    }
    if (options.pairs()) {
      pairs(spark, world);
    }
    if (options.train()) {
      var t = TrainBenchmark.measure(spark, 1, 3, 16, 1024);
      results.set("train", JSON.valueToTree(t));
      report.table(
          "Train job: round machinery, real head shape (CLIP ViT-L + DINOv2 ViT-L, batch 256,"
              + " H = 16, P = 1)",
          List.of("figure", "value"),
          List.of(
              List.of("fixed Spark overhead per round", fmt(t.overheadMillis(), 0) + " ms"),
              List.of("overhead share of round time", fmt(100 * t.overheadShare(), 1) + " %"),
              List.of("segments/s, round-based", fmt(t.roundBasedPerSecond(), 0)),
              List.of("segments/s, plain loop (baseline)", fmt(t.plainPerSecond(), 0)),
              List.of("ratio", fmt(t.roundBasedPerSecond() / t.plainPerSecond(), 2))));
    }
    if (options.cluster()) {
      ClusterScaling.Result c =
          ClusterScaling.measure(
              options.out().resolve("cluster"), images, vocab, options.pointsPerSide(), 2);
      results.set("cluster", JSON.valueToTree(c));
      double ceiling = results.path("gemm").path("ceiling").asDouble(Double.NaN);
      String ceilingText = Double.isNaN(ceiling) ? "– (needs the Python GEMM)" : fmt(ceiling, 2);
      String targetText = Double.isNaN(ceiling) ? "–" : fmt(0.8 * ceiling, 2);
      report.table(
          "Scaling: label job on a standalone cluster (2 workers, 1 core each, spark-submit)",
          List.of("figure", "value"),
          List.of(
              List.of("images/s, 1 executor (compute stage)", c.oneExecutor().format(3)),
              List.of("images/s, 2 executors (compute stage)", c.twoExecutors().format(3)),
              List.of("speed-up (compute stage)", c.speedUp().format(2)),
              List.of("images/s, 1 executor (whole job)", c.oneExecutorWholeJob().format(3)),
              List.of("images/s, 2 executors (whole job)", c.twoExecutorsWholeJob().format(3)),
              List.of("speed-up (whole job)", c.wholeJobSpeedUp().format(2)),
              List.of("machine ceiling c (2 single-thread GEMM processes ÷ 1)", ceilingText),
              List.of("target: speed-up ≥ 0.8·c", targetText)));
    }
    Files.writeString(options.out().resolve("BENCHMARKS-tables.md"), report.markdown());
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(options.out().resolve("bench.json").toFile(), results);
    System.out.println();
    System.out.println(report.markdown());
    System.out.println("bench: wrote " + options.out().resolve("BENCHMARKS-tables.md"));
  }

  /**
   * Both runtimes' single-thread matmul GFLOP/s, measured in alternating rounds so that a load
   * change on the machine hits both, with the thread counts each runtime reports; the verdict
   * whether they are equal (within {@link #GEMM_EQUAL_WITHIN}); and the machine's two-process
   * ceiling.
   */
  private void gemm(PythonTool python, String pythonMissing) throws Exception {
    int n = 512;
    int rounds = 5;
    double roundSeconds = options.gemmSeconds() / rounds;
    List<Double> javaRuns = new ArrayList<>();
    List<Double> pythonRuns = new ArrayList<>();
    JsonNode pythonLast = null;
    TorchEngine.get();
    int javaThreads = JniUtils.getNumThreads();
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      for (int i = 0; i < 3; i++) {
        a.matMul(b).close();
      }
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        int iterations = 0;
        while (System.nanoTime() - t0 < roundSeconds * 1e9) {
          NDArray c = a.matMul(b);
          c.getFloat(0, 0); // forces completion
          c.close();
          iterations++;
        }
        javaRuns.add(2.0 * n * n * n * iterations / ((System.nanoTime() - t0) / 1e9) / 1e9);
        if (pythonMissing == null) {
          pythonLast =
              python.run(
                  "gemm.py",
                  List.of("--threads", "1", "--size", "" + n, "--seconds", "" + roundSeconds),
                  5);
          pythonRuns.add(pythonLast.get("gflops").asDouble());
        }
      }
    }
    Spread java = Spread.of(javaRuns);
    ObjectNode g = results.putObject("gemm");
    g.put("java_gflops", java.median());
    g.set("java_runs", JSON.valueToTree(javaRuns));
    g.put("java_threads_measured", javaThreads);
    g.put("java_mkl_amd_preload", MklAmdPreload.active());
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "Java (DJL libtorch " + TorchEngine.get().getVersion() + ")",
            MklAmdPreload.describe(),
            Integer.toString(javaThreads),
            java.format(1)));
    if (pythonMissing == null) {
      Spread py = Spread.of(pythonRuns);
      double ratio = java.median() / py.median();
      boolean equal = Math.abs(ratio - 1) <= GEMM_EQUAL_WITHIN;
      g.put("python_gflops", py.median());
      g.set("python_runs", JSON.valueToTree(pythonRuns));
      g.set("python", pythonLast);
      g.put("java_over_python", ratio);
      g.put("equal", equal);
      JsonNode two =
          python.run(
              "gemm.py",
              List.of(
                  "--threads",
                  "1",
                  "--size",
                  "" + n,
                  "--processes",
                  "2",
                  "--seconds",
                  "" + options.gemmSeconds()),
              5);
      g.set("python_two_processes", two);
      double ceiling = two.get("ceiling_c").asDouble();
      g.put("ceiling", ceiling);
      List<Double> aggregates = new ArrayList<>();
      two.get("rounds").forEach(r -> aggregates.add(r.get("aggregate_gflops").asDouble()));
      Spread c =
          new Spread(
              ceiling,
              two.get("c_min").asDouble(),
              two.get("c_max").asDouble(),
              two.get("rounds").size());
      rows.add(
          List.of(
              "Python (Debian torch " + pythonLast.path("torch").asText("?") + ")",
              blasNames(pythonLast.path("blas")),
              pythonLast.get("threads").asText(),
              py.format(1)));
      rows.add(
          List.of(
              "2 concurrent Python processes, total",
              "",
              "1 each",
              Spread.of(aggregates).format(1)));
      report.table(
          String.format(
              "Matrix multiply %d³ fp32, %d alternating rounds (ceiling c = %s; Java ÷ Python %.2f:"
                  + " %s)",
              n,
              rounds,
              c.format(2),
              ratio,
              equal
                  ? "equal within ±" + Math.round(100 * GEMM_EQUAL_WITHIN) + " %"
                  : "NOT equal (more than ±"
                      + Math.round(100 * GEMM_EQUAL_WITHIN)
                      + " % apart): the label ratio below partly measures the BLAS builds"),
          List.of("runtime", "BLAS", "threads (measured)", "GFLOP/s"),
          rows);
    } else {
      report.table(
          "Matrix multiply " + n + "³ fp32",
          List.of("runtime", "BLAS", "threads (measured)", "GFLOP/s"),
          rows);
    }
  }

  /** The file names of the BLAS libraries {@code gemm.py} found mapped in its process. */
  private static String blasNames(JsonNode paths) {
    List<String> names = new ArrayList<>();
    paths.forEach(p -> names.add(Path.of(p.asText()).getFileName().toString()));
    return String.join(", ", names);
  }

  /**
   * The limit: per model stage of the label job, FLOPs per image (torch's profiler on the same
   * TorchScript files, {@code tools/bench/model_flops.py}) and the GFLOP/s our stage achieves,
   * against the machine's measured matmul GFLOP/s.
   */
  private void limit(PythonTool python, LabelFigures java) throws Exception {
    JsonNode flops = python.run("model_flops.py", List.of(), 10);
    double prompts = (double) options.pointsPerSide() * options.pointsPerSide();
    double gemm = results.get("gemm").get("java_gflops").asDouble();
    List<List<String>> rows = new ArrayList<>();
    Map<String, Double> perImage = new LinkedHashMap<>();
    perImage.put("sam_encoder", flops.get("sam-encoder").get("flops_per_call").asDouble());
    perImage.put(
        "prompt_decoding", flops.get("sam-decoder").get("flops_per_call").asDouble() * prompts);
    // The clip-dense embedder runs the CLIP image tower only.
    perImage.put("backbones", flops.get("clip-image").get("flops_per_call").asDouble());
    ObjectNode l = results.putObject("limit");
    l.set("flops_per_call", flops);
    for (var e : perImage.entrySet()) {
      double seconds = java.stagesPerImage().get(e.getKey()).median();
      double achieved = e.getValue() / seconds / 1e9;
      l.put(e.getKey() + "_gflops", achieved);
      rows.add(
          List.of(
              e.getKey(),
              fmt(e.getValue() / 1e9, 2),
              fmt(seconds, 3),
              fmt(achieved, 1),
              fmt(100 * achieved / gemm, 0) + " %"));
    }
    report.table(
        String.format(
            "The limit: model stages of the label job (toy zoo, %d prompts per image) against this"
                + " machine's %.1f GFLOP/s matmul (1 thread)",
            (int) prompts, gemm),
        List.of("stage", "GFLOP per image", "s per image", "achieved GFLOP/s", "of matmul rate"),
        rows);
  }

  /** Per-image figures of the Java label job. */
  /**
   * Per-image figures of the Java label job.
   *
   * @param secondsPerImage end-to-end job wall time per image, per repeat
   * @param stagesPerImage task-side seconds per image of each stage ({@code write}: the driver's)
   * @param segmentsPath the last repeat's output root
   * @param startupSeconds the first night (2 images) of this JVM: model loads, first calls (the
   *     Python baseline's start-up covers the same: imports, model loads, 2 warm-up images)
   * @param peakHeapMiB the Java heap's peak over the measured repeats
   * @param peakResidentMiB the process's peak resident set (heap + native)
   */
  record LabelFigures(
      Spread secondsPerImage,
      Map<String, Spread> stagesPerImage,
      String segmentsPath,
      double startupSeconds,
      double peakHeapMiB,
      double peakResidentMiB) {}

  private LabelFigures label(SparkSession spark, Path images, Path vocab) {
    // Start-up apart: a first night on a copy of two images pays the model loads and warm-up.
    double startup = labelRun(spark, images, vocab, "startup", 2).seconds();
    List<Double> perImage = new ArrayList<>();
    Map<String, List<Double>> stages = new LinkedHashMap<>();
    String lastOut = null;
    ProcessMemory.resetHeapPeak();
    for (int r = 0; r < options.repeats(); r++) {
      String out = "java-" + r;
      LabelResult result = labelRun(spark, images, vocab, out, Integer.MAX_VALUE);
      long processed = result.processed();
      perImage.add(result.seconds() / processed);
      JsonNode st = result.summary().json().get("stage_seconds");
      for (var it = st.fields(); it.hasNext(); ) {
        var e = it.next();
        stages
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(e.getValue().asDouble() / processed);
      }
      lastOut = options.out().resolve(out).toUri().toString();
      System.out.printf(
          "bench: label repeat %d: %d images in %.2f s, %d segments%n",
          r + 1, processed, result.seconds(), result.segments());
    }
    Map<String, Spread> stageSpreads = new LinkedHashMap<>();
    stages.forEach((k, v) -> stageSpreads.put(k, Spread.of(v)));
    LabelFigures figures =
        new LabelFigures(
            Spread.of(perImage),
            stageSpreads,
            lastOut,
            startup,
            ProcessMemory.peakHeapMiB(),
            ProcessMemory.peakResidentMiB());
    results.set("label_java", JSON.valueToTree(figures));
    return figures;
  }

  private LabelResult labelRun(
      SparkSession spark, Path images, Path vocab, String name, int limit) {
    return labelRun(spark, images, vocab, name, limit, null);
  }

  /** One night on {@code images}: with the USE head at {@code head}, else clip-dense. */
  private LabelResult labelRun(
      SparkSession spark, Path images, Path vocab, String name, int limit, String head) {
    Path dir = options.out().resolve(name);
    Path input = images;
    try {
      if (limit != Integer.MAX_VALUE) {
        input = Files.createDirectories(options.out().resolve(name + "-images"));
        try (var files = Files.list(images)) {
          for (Path p : files.sorted().limit(limit).toList()) {
            Files.copy(
                p,
                input.resolve(p.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      deleteTree(dir);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    LabelOptions labelOptions =
        new LabelOptions(
            input.toUri().toString(),
            dir.toUri().toString(),
            NIGHT,
            vocab.toUri().toString(),
            null,
            head,
            head == null ? "clip-dense" : null,
            false,
            false,
            5,
            100,
            new AmgFlags(AmgFlags.TOY, options.pointsPerSide(), null, null, null, null, null, 64));
    LabelResult result = LabelJob.run(spark, labelOptions);
    if (!result.succeeded()) {
      throw new IllegalStateException("the label job failed: " + result.summary().toJson());
    }
    return result;
  }

  private void baseline(SparkSession spark, PythonTool python, Path images, LabelFigures java)
      throws Exception {
    Path out = options.out().resolve("python");
    deleteTree(out);
    List<Double> perImage = new ArrayList<>();
    Map<String, List<Double>> stages = new LinkedHashMap<>();
    JsonNode last = null;
    for (int r = 0; r < options.repeats(); r++) {
      last =
          python.run(
              "baseline_label.py",
              List.of(
                  "--images", images.toString(),
                  "--out", out.resolve("r" + r).toString(),
                  "--threads", "1",
                  // the same start-up as the Java side's first night: model loads + 2 images
                  "--warmup", "2",
                  "--points-per-side", Integer.toString(options.pointsPerSide())),
              60);
      perImage.add(1 / last.get("images_per_second").asDouble());
      last.get("mean_seconds_per_image")
          .fields()
          .forEachRemaining(
              e ->
                  stages
                      .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                      .add(e.getValue().asDouble()));
    }
    Map<String, Spread> pythonStages = new LinkedHashMap<>();
    stages.forEach((k, v) -> pythonStages.put(k, Spread.of(v)));
    results.set("label_python", last);
    JsonNode masks =
        JSON.readTree(out.resolve("r" + (options.repeats() - 1)).resolve("masks.json").toFile());
    MaskParity parity =
        MaskParity.compare(spark.read().parquet(LabelPaths.segments(java.segmentsPath())), masks);
    results.set("mask_parity", JSON.valueToTree(parity));
    report.note(
        String.format(
            "Mask parity, Java label job vs Python baseline: %d/%d images with the same mask count,"
                + " %d vs %d masks, lowest matched IoU %.4f, %d masks below %.2f — %s.",
            parity.imagesWithSameCount(),
            parity.images(),
            parity.masks(),
            parity.baselineMasks(),
            parity.minIou(),
            parity.belowThreshold(),
            MaskParity.MIN_IOU,
            parity.holds() ? "equal" : "NOT EQUAL"));
    LabelComparison.report(report, results, java, Spread.of(perImage), pythonStages, last);
  }

  /**
   * The label job as users run it, with the USE head: CLIP and DINOv2 backbones and the head stage
   * (Java only: the Python baseline scripts clip-dense). The head has the train job's default shape
   * on the toy zoo's widths and its seeded initial weights: this measures speed, not labels.
   */
  private void headLabel(SparkSession spark, Path images, Path vocab) throws IOException {
    Sidecar clip = ToyZoo.sidecar(ModelRole.CLIP_IMAGE);
    Sidecar dino = ToyZoo.sidecar(ModelRole.DINOV2);
    Sidecar text = ToyZoo.sidecar(ModelRole.CLIP_TEXT);
    HeadConfig config =
        HeadConfig.full(HeadDims.of(clip, dino, text), HeadConfig.DEFAULT_HIDDEN_WIDTH);
    Path headDir = options.out().resolve("untrained-head");
    deleteTree(headDir);
    new HeadArtifact(
            config,
            UseHead.initialWeights(config, 7),
            FeaturePooling.epsFor(clip),
            FeaturePooling.epsFor(dino),
            Map.of("untrained", "bin/bench: speed of the head stage only"))
        .write(headDir);
    String head = headDir.toUri().toString();
    labelRun(spark, images, vocab, "head-startup", 2, head); // DINOv2 and the head loaded
    LabelResult result = labelRun(spark, images, vocab, "head", Integer.MAX_VALUE, head);
    long processed = result.processed();
    JsonNode st = result.summary().json().get("stage_seconds");
    ObjectNode h = results.putObject("label_with_head");
    List<List<String>> rows = new ArrayList<>();
    for (var it = st.fields(); it.hasNext(); ) {
      var e = it.next();
      double perImage = e.getValue().asDouble() / processed;
      h.put(e.getKey(), perImage);
      rows.add(List.of(e.getKey(), fmt(perImage, 3)));
    }
    double total = result.seconds() / processed;
    h.put("end_to_end", total);
    rows.add(List.of("**end to end**", fmt(total, 3)));
    report.table(
        String.format(
            "Label job with the USE head (CLIP + DINOv2 + head of width %d, untrained), Java only,"
                + " seconds per image, %d images, one run",
            config.hiddenWidth(), processed),
        List.of("stage", "Java label job (local[1])"),
        rows);
  }

  private void pairs(SparkSession spark, Path world) {
    List<Double> perSecond = new ArrayList<>();
    for (int r = 0; r < options.repeats(); r++) {
      Path out = options.out().resolve("pairs-" + r);
      try {
        deleteTree(out);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      PairsResult result =
          PairsJob.run(
              spark,
              PairsOptions.annotations(
                  world.resolve("images/train").toUri().toString(),
                  world.resolve("annotations/captions_train.json").toUri().toString(),
                  "auto",
                  out.toUri().toString()));
      perSecond.add(result.images() / result.seconds());
      System.out.printf(
          "bench: pairs repeat %d: %d images, %d pairs in %.2f s%n",
          r + 1, result.images(), result.pairs(), result.seconds());
    }
    Spread s = Spread.of(perSecond);
    results.set("pairs", JSON.valueToTree(s));
    report.table(
        "Pairs job, model pipeline (captions → phrases → grounder → SAM boxes), local[1]",
        List.of("figure", "value"),
        List.of(List.of("images/s (whole job)", s.format(3))));
  }

  static String fmt(double v, int digits) {
    return String.format(java.util.Locale.ROOT, "%." + digits + "f", v);
  }

  /** Removes {@code dir} and everything under it, if it exists. */
  static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
    }
  }
}
