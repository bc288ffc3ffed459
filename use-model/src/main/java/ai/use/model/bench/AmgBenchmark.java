package ai.use.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.amg.AmgOptions;
import ai.use.model.sam.amg.AmgTimings;
import ai.use.model.sam.amg.MaskGeneration;
import ai.use.model.sam.amg.MaskRecord;
import ai.use.model.sam.amg.SamCropEncoder;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * SAM automatic mask generation with 32 × 32 points ({@code -Damg.pointsPerSide}) on a toy image
 * (320 × 240) with the toy SAM: image encoding, prompt decoding (the model only) and
 * post-processing times (post-processing = generator time − encoder − decoder: the libtorch filters
 * of {@link ai.use.model.sam.amg.SurvivorFilter}, {@code -Damg.upscaleChunk} masks at a time, and
 * the Java steps after them), peak heap and peak RSS (heap + native); the same split for SAM's
 * reference generator in Python on the same image, model files and thread count ({@code
 * tools/amg-golden/reference_timing.py}, run when {@code SAM_REFERENCE} names a segment-anything
 * checkout) with the ratio; and the projected post-processing share for SAM ViT-B (≈ 974 GFLOPs =
 * 487 G multiply-adds per 1024² image) from this machine's measured matmul GFLOP/s.
 *
 * <p>Run: {@code java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 -cp <classpath>
 * ai.use.model.bench.AmgBenchmark [image.png]} (see {@code docs/amg.md}).
 */
public final class AmgBenchmark {
  /**
   * SAM ViT-B image encoder GFLOPs at 1024 × 1024: ≈ 487 G multiply-adds (12 blocks of width 768 on
   * 4096 tokens, 4 of them with global attention, plus the neck), 2 FLOPs each.
   */
  public static final double VIT_B_GFLOPS = 2 * 487;

  /** Points per side unless {@code -Damg.pointsPerSide} says otherwise. */
  private static final int POINTS_PER_SIDE = Integer.getInteger("amg.pointsPerSide", 32);

  private AmgBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path image = args.length > 0 ? Path.of(args[0]) : toyImage();
    BufferedImage bgr =
        new ImageDecoder(ImageLimits.defaults())
            .decode(Files.readAllBytes(image), image.toString(), ExifPolicy.IGNORE)
            .image();
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 1);
    // the reference decodes with multimask output; thresholds where the toy SAM's masks survive
    AmgOptions options =
        AmgOptions.builder()
            .optPointsPerSide(POINTS_PER_SIDE)
            .optPredIouThresh(0.5)
            .optStabilityScoreThresh(0.8)
            .optUpscaleChunk(
                Integer.getInteger("amg.upscaleChunk", AmgOptions.defaults().upscaleChunk()))
            .build();
    try (SamEncoder encoder = new SamEncoder(load(ModelRole.SAM_ENCODER));
        SamDecoder decoder = new SamDecoder(load(ModelRole.SAM_DECODER));
        NDManager manager = NDManager.newBaseManager()) {
      run(bgr, encoder, decoder, manager, options, new AmgTimings()); // warm-up
      System.gc();
      ProcessMemory.resetHeapPeak();
      AmgTimings timings = new AmgTimings();
      long t0 = System.nanoTime();
      int masks = run(bgr, encoder, decoder, manager, options, timings);
      double total = (System.nanoTime() - t0) / 1e9;
      double peakHeap = ProcessMemory.peakHeapMiB();
      double peakResident = ProcessMemory.peakResidentMiB();
      double encode = (timings.preprocessNanos() + timings.encodeNanos()) / 1e9;
      double decode = timings.decodeNanos() / 1e9;
      double post = total - encode - decode;
      double gflops = matmulGflops(manager);
      double vitB = VIT_B_GFLOPS / gflops;
      print("image", image + " (" + bgr.getWidth() + "x" + bgr.getHeight() + ")");
      print(
          "points",
          POINTS_PER_SIDE
              + "x"
              + POINTS_PER_SIDE
              + ", libtorch threads "
              + threads
              + ", upscale chunk "
              + options.upscaleChunk());
      print("masks", Integer.toString(masks));
      print("image encoding s", fmt(encode));
      print("prompt decoding s", fmt(decode));
      print("post-processing s (libtorch + Java)", fmt(post));
      print("generator total s (per image)", fmt(total));
      print("peak heap MiB (sum of pool peaks)", fmt(peakHeap));
      print(
          "peak RSS MiB (VmHWM, heap + native)",
          Double.isNaN(peakResident) ? "n/a" : fmt(peakResident));
      print("matmul GFLOP/s (1024^3, libtorch)", fmt(gflops));
      print("projected ViT-B encoder s", fmt(vitB));
      print("projected ViT-B post-processing share", fmt(post / (post + vitB)));
      String reference = System.getenv("SAM_REFERENCE");
      if (reference == null) {
        print("reference", "skipped: set SAM_REFERENCE to a segment-anything checkout");
      } else {
        String json = referenceTiming(reference, image, threads);
        double refPost = Double.parseDouble(field(json, "postprocess_s"));
        print("reference (python) timing", json);
        print("reference post-processing s", fmt(refPost));
        print("ours / reference post-processing", fmt(post / refPost));
      }
    }
  }

  private static int run(
      BufferedImage image,
      SamEncoder encoder,
      SamDecoder decoder,
      NDManager manager,
      AmgOptions options,
      AmgTimings timings) {
    try (NDManager perImage = manager.newSubManager()) {
      SamCropEncoder crops =
          new SamCropEncoder(image, encoder, decoder, perImage, options, timings);
      List<MaskRecord> records =
          MaskGeneration.generate(image.getHeight(), image.getWidth(), options, crops);
      return records.size();
    }
  }

  /** Measured GFLOP/s of a 1024 × 1024 float matmul in libtorch (best of 10 after warm-up). */
  static double matmulGflops(NDManager manager) {
    int n = 1024;
    try (NDManager m = manager.newSubManager()) {
      NDArray a = m.randomUniform(-1, 1, new Shape(n, n));
      NDArray b = m.randomUniform(-1, 1, new Shape(n, n));
      a.matMul(b).close();
      double best = Double.MAX_VALUE;
      for (int i = 0; i < 10; i++) {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
        c.toFloatArray(); // force completion
        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        c.close();
      }
      return 2.0 * n * n * n / best / 1e9;
    }
  }

  private static String referenceTiming(String reference, Path image, int threads)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                "/usr/bin/python3",
                "tools/amg-golden/reference_timing.py",
                "--reference",
                reference,
                "--image",
                image.toString(),
                "--points-per-side",
                Integer.toString(POINTS_PER_SIDE),
                "--threads",
                Integer.toString(threads))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "tools/amg-golden/reference_timing.py failed (exit " + p.exitValue() + "): " + out);
    }
    return out.lines().reduce((a, b) -> b).orElse("");
  }

  /** A numeric field of a flat JSON object line. */
  static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":");
    if (at < 0) {
      throw new IllegalStateException("no " + name + " in reference output: " + json);
    }
    int from = at + name.length() + 3;
    int to = from;
    while (to < json.length() && ",}".indexOf(json.charAt(to)) < 0) {
      to++;
    }
    return json.substring(from, to).strip();
  }

  private static Path toyImage() throws IOException {
    Path root = Files.createTempDirectory("amg-bench-world");
    ToyWorldGenerator.generate(ToyWorldSpec.small(2024, 0, 1), root);
    return root.resolve("images/heldout/" + ToySplit.HELDOUT.fileName(0));
  }

  private static ai.use.model.runtime.LoadedModel load(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  private static void print(String name, String value) {
    System.out.printf(Locale.ROOT, "%-40s %s%n", name, value);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
