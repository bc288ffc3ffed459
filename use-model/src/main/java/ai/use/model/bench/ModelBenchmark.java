package ai.use.model.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.grounding.Grounder;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.runtime.ModelFetcher;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEmbedding;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamPrompt;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.vit.VitEncoder;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Per-role latency and throughput of the models behind their adapters, for batch sizes 1, 8 and 32
 * (SAM's encoder takes one image per call by contract). Each figure is the median of timed calls
 * after warm-up; the baseline of each role is its own batch-1 throughput in the same run, so the
 * ratios are comparable across runs on a noisy machine.
 */
public final class ModelBenchmark {
  /** Batch sizes measured. */
  public static final int[] BATCHES = {1, 8, 32};

  private final Map<ModelRole, ModelSpec> specs;
  private final ModelFetcher fetcher;
  private final double secondsPerCase;

  /**
   * @param specs the models to measure, by role (roles absent are skipped)
   * @param fetcher how to bring model files to local disk
   * @param secondsPerCase time budget per (role, batch) case
   */
  public ModelBenchmark(
      Map<ModelRole, ModelSpec> specs, ModelFetcher fetcher, double secondsPerCase) {
    this.specs = specs;
    this.fetcher = fetcher;
    this.secondsPerCase = secondsPerCase;
  }

  /**
   * One measured case.
   *
   * @param role the role
   * @param batch items per call
   * @param millisPerCall median latency of a call
   * @param itemsPerSecond throughput
   * @param speedupVsBatch1 throughput ÷ the role's batch-1 throughput
   * @param calls timed calls
   */
  public record Result(
      ModelRole role,
      int batch,
      double millisPerCall,
      double itemsPerSecond,
      double speedupVsBatch1,
      int calls) {}

  /** Runs every case and prints a table to {@code out}. */
  public List<Result> run(PrintStream out) {
    List<Result> results = new ArrayList<>();
    SplittableRandom rng = new SplittableRandom(1);
    List<BufferedImage> images = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      images.add(randomImage(rng, 240, 320));
    }
    List<String> texts = new ArrayList<>();
    String[] colours = {"red", "green", "blue", "yellow", "purple", "orange"};
    String[] shapes = {"circle", "square", "triangle", "diamond"};
    for (int i = 0; i < 32; i++) {
      texts.add(
          "the " + colours[i % 6] + " top of the " + colours[(i / 6) % 6] + " " + shapes[i % 4]);
    }
    out.printf("%-12s %6s %12s %12s %10s%n", "role", "batch", "ms/call", "items/s", "vs batch 1");
    for (ModelRole role : ModelRole.values()) {
      if (!specs.containsKey(role) || role == ModelRole.SAM_DECODER) {
        continue;
      }
      LoadedModel model = ModelCache.get(specs.get(role), Device.cpu(), fetcher);
      double base = 0;
      for (int batch : BATCHES) {
        if (role == ModelRole.SAM_ENCODER && batch > 1) {
          continue;
        }
        Result r = measure(role, model, batch, images, texts, base);
        if (batch == 1) {
          base = r.itemsPerSecond();
          r = new Result(role, 1, r.millisPerCall(), r.itemsPerSecond(), 1.0, r.calls());
        }
        results.add(r);
        out.printf(
            "%-12s %6d %12.2f %12.1f %10.2f%n",
            role, batch, r.millisPerCall(), r.itemsPerSecond(), r.speedupVsBatch1());
      }
      if (role == ModelRole.SAM_ENCODER && specs.containsKey(ModelRole.SAM_DECODER)) {
        results.addAll(measureDecoder(model, images.get(0), out));
      }
    }
    return results;
  }

  private Result measure(
      ModelRole role,
      LoadedModel model,
      int batch,
      List<BufferedImage> images,
      List<String> texts,
      double base) {
    List<BufferedImage> imageBatch = images.subList(0, batch);
    List<String> textBatch = texts.subList(0, batch);
    return switch (role) {
      case CLIP_TEXT -> {
        try (ClipTextEncoder e = new ClipTextEncoder(model, batch)) {
          yield time(role, batch, base, i -> e.embed(textBatch));
        }
      }
      case CLIP_IMAGE, DINOV2 -> {
        try (VitEncoder e = new VitEncoder(model, batch)) {
          yield time(role, batch, base, i -> e.encode(imageBatch));
        }
      }
      case SAM_ENCODER -> {
        try (SamEncoder e = new SamEncoder(model);
            NDManager m = model.model().getNDManager().newSubManager()) {
          yield time(
              role,
              1,
              base,
              i -> {
                try (NDManager per = m.newSubManager()) {
                  e.encode(images.get(0), per);
                }
              });
        }
      }
      case GROUNDER -> {
        try (Grounder g = new Grounder(model)) {
          yield time(role, batch, base, i -> g.ground(images.get(0), textBatch));
        }
      }
      case SAM_DECODER -> throw new IllegalStateException("measured with the encoder");
    };
  }

  private List<Result> measureDecoder(
      LoadedModel encoderModel, BufferedImage image, PrintStream out) {
    LoadedModel decoderModel =
        ModelCache.get(specs.get(ModelRole.SAM_DECODER), Device.cpu(), fetcher);
    List<Result> results = new ArrayList<>();
    try (SamEncoder encoder = new SamEncoder(encoderModel);
        SamDecoder decoder = new SamDecoder(decoderModel);
        NDManager m = encoderModel.model().getNDManager().newSubManager()) {
      SamEmbedding embedding = encoder.encode(image, m);
      double base = 0;
      for (int batch : BATCHES) {
        List<SamPrompt> prompts = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
          prompts.add(SamPrompt.box(20 + i, 30, 140 + i, 160));
        }
        Result r =
            time(ModelRole.SAM_DECODER, batch, base, i -> decoder.decode(embedding, prompts));
        if (batch == 1) {
          base = r.itemsPerSecond();
          r =
              new Result(
                  ModelRole.SAM_DECODER, 1, r.millisPerCall(), r.itemsPerSecond(), 1.0, r.calls());
        }
        results.add(r);
        out.printf(
            "%-12s %6d %12.2f %12.1f %10.2f%n",
            ModelRole.SAM_DECODER,
            batch,
            r.millisPerCall(),
            r.itemsPerSecond(),
            r.speedupVsBatch1());
      }
    }
    return results;
  }

  private Result time(ModelRole role, int batch, double base, IntConsumer call) {
    for (int i = 0; i < 2; i++) {
      call.accept(i); // warm-up: TorchScript profiling runs on the first calls
    }
    List<Double> millis = new ArrayList<>();
    long deadline = System.nanoTime() + (long) (secondsPerCase * 1e9);
    while (millis.size() < 3 || (System.nanoTime() < deadline && millis.size() < 200)) {
      long t0 = System.nanoTime();
      call.accept(millis.size());
      millis.add((System.nanoTime() - t0) / 1e6);
    }
    Collections.sort(millis);
    double median = millis.get(millis.size() / 2);
    double throughput = batch * 1000.0 / median;
    return new Result(
        role, batch, median, throughput, base > 0 ? throughput / base : 1.0, millis.size());
  }

  private static BufferedImage randomImage(SplittableRandom rng, int h, int w) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] data = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) rng.nextInt(256);
    }
    return image;
  }
}
