package ai.use.model.train;

import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.UseHead;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * Head training speed without Spark, on synthetic features of the real head's shape by default
 * (CLIP ViT-L/14 + DINOv2 ViT-L/14: 4 blocks of 1024 each, D 768, H 768, batch 256): the plain loop
 * ({@link PlainTrainer}, the baseline) against rounds of {@link LocalRound} (fresh native manager,
 * input copies and state copies per round) at H steps per round. Prints steps/s, segments/s and the
 * per-round overhead of a local round over the plain loop, in wall time and in this thread's CPU
 * time (with one intra-op thread libtorch computes on the calling thread, so CPU time is the figure
 * to trust on a shared machine). Run with fixed DJL threads ({@code -Dai.djl.pytorch.num_threads=N
 * -Dai.djl.pytorch.num_interop_threads=1}).
 *
 * <p>Arguments (all optional, in order): steps per round H (default 10), rounds (3), batch (256),
 * hidden width H (768), examples (2048).
 */
public final class HeadTrainingBenchmark {
  private HeadTrainingBenchmark() {}

  public static void main(String[] args) {
    int steps = arg(args, 0, 10);
    int rounds = arg(args, 1, 3);
    int batch = arg(args, 2, 256);
    int hidden = arg(args, 3, HeadConfig.DEFAULT_HIDDEN_WIDTH);
    int n = arg(args, 4, 2048);
    HeadConfig config = HeadConfig.full(new HeadDims(4, 1024, 4, 1024, 768), hidden);
    List<TrainingExample> data = SyntheticExamples.of(config.dims(), n, 64, 1);
    float[] w0 = UseHead.initialWeights(config, 1);
    TrainOptions options = new TrainOptions(5, steps, batch, 1e-4f, 0.05f);
    System.out.printf(
        "head %s weights, batch %d, H %d steps/round, %d rounds, threads %s%n",
        w0.length,
        batch,
        steps,
        rounds,
        System.getProperty("ai.djl.pytorch.num_threads", "default"));
    // warm-up: one short round of each
    LocalRound.run(config, w0, AdamWState.initial(w0.length), data, options.withSteps(2));

    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    try (PlainTrainer plain =
        new PlainTrainer(config, w0, data, options.withSteps(steps * rounds))) {
      plain.train();
    }
    double plainSeconds = (System.nanoTime() - t0) / 1e9;
    double plainCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;

    long c1 = cpu.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    float[] w = w0;
    AdamWState s = AdamWState.initial(w0.length);
    for (int r = 0; r < rounds; r++) {
      RoundResult result = LocalRound.run(config, w, s, data, options);
      w = result.weights();
      s = AdamWState.fromBytes(result.state().toBytes());
    }
    double roundSeconds = (System.nanoTime() - t1) / 1e9;
    double roundCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;

    int total = steps * rounds;
    System.out.printf(
        "plain loop   %.1f ms/step  %.0f segments/s  (baseline; this thread's CPU %.1f ms/step)%n",
        1e3 * plainSeconds / total, (double) total * batch / plainSeconds, 1e3 * plainCpu / total);
    System.out.printf(
        "local rounds %.1f ms/step  %.0f segments/s  %.2fx baseline; overhead %.1f ms/round"
            + " (CPU %.1f ms/step, overhead %.1f ms/round)%n",
        1e3 * roundSeconds / total,
        (double) total * batch / roundSeconds,
        plainSeconds / roundSeconds,
        1e3 * (roundSeconds - plainSeconds) / rounds,
        1e3 * roundCpu / total,
        1e3 * (roundCpu - plainCpu) / rounds);
  }

  private static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
