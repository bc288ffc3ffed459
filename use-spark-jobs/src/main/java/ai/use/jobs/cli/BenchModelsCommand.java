package ai.use.jobs.cli;

import ai.use.common.config.ConfigKey;
import ai.use.common.config.ModelKeys;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.model.bench.ModelBenchmark;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scala.Tuple2;

/** {@code use bench-models}: per-role latency and throughput of the configured models. */
@Command(
    name = "bench-models",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark: latency and throughput of every model role for batch sizes 1/8/32 (SAM's"
          + " encoder: 1), with each role's batch-1 throughput as the same-run baseline.",
      "Models come from spark.use.model.* (default: the built-in toy zoo). Not a test: it prints"
          + " figures."
    })
final class BenchModelsCommand implements Callable<Integer> {
  @Option(
      names = "--seconds",
      defaultValue = "2",
      description = "time budget per (role, batch) case (default ${DEFAULT-VALUE})")
  double seconds;

  @Override
  public Integer call() {
    Map<String, String> conf = new HashMap<>();
    for (Tuple2<String, String> kv : new SparkConf().getAll()) {
      conf.put(kv._1(), kv._2());
    }
    Map<ModelRole, ConfigKey<String>> keys =
        Map.of(
            ModelRole.CLIP_TEXT, ModelKeys.CLIP_TEXT,
            ModelRole.CLIP_IMAGE, ModelKeys.CLIP_IMAGE,
            ModelRole.DINOV2, ModelKeys.DINOV2,
            ModelRole.SAM_ENCODER, ModelKeys.SAM_ENCODER,
            ModelRole.SAM_DECODER, ModelKeys.SAM_DECODER,
            ModelRole.GROUNDER, ModelKeys.GROUNDER);
    Map<ModelRole, ModelSpec> specs = new EnumMap<>(ModelRole.class);
    keys.forEach((role, key) -> specs.put(role, new ModelSpec(role, key.read(conf))));
    System.out.println(
        "threads: ai.djl.pytorch.num_threads="
            + System.getProperty("ai.djl.pytorch.num_threads", "(default)")
            + ", cores="
            + Runtime.getRuntime().availableProcessors());
    new ModelBenchmark(
            specs,
            new HadoopModelFetcher(new Configuration(), System.getProperty("java.io.tmpdir")),
            seconds)
        .run(System.out);
    return 0;
  }
}
