package ai.use.jobs.demo;

import ai.djl.Device;
import ai.use.common.config.ModelKeys;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.amg.AmgOptions;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.zoo.AmgEvaluation;
import ai.use.model.zoo.AmgFigures;
import ai.use.model.zoo.ToyZooEvaluation;
import ai.use.model.zoo.ZooFigures;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The demo's {@code models} stage: loads the configured models (default: the toy zoo) and measures
 * SAM and the grounder on the held-out toy world through the Java adapters.
 */
final class ModelsStage {
  /** Held-out images the mask-generation figures use. */
  static final int AMG_IMAGES = 4;

  private ModelsStage() {}

  static ObjectNode run(SparkSession spark, Path toy) throws IOException {
    Map<String, String> conf = SparkSessions.useProperties(spark);
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(
            spark.sparkContext().hadoopConfiguration(), System.getProperty("java.io.tmpdir"));
    Map<ModelRole, String> uris =
        Map.of(
            ModelRole.CLIP_IMAGE, ModelKeys.CLIP_IMAGE.read(conf),
            ModelRole.DINOV2, ModelKeys.DINOV2.read(conf),
            ModelRole.CLIP_TEXT, ModelKeys.CLIP_TEXT.read(conf),
            ModelRole.SAM_ENCODER, ModelKeys.SAM_ENCODER.read(conf),
            ModelRole.SAM_DECODER, ModelKeys.SAM_DECODER.read(conf),
            ModelRole.GROUNDER, ModelKeys.GROUNDER.read(conf));
    long bytes = 0;
    for (Map.Entry<ModelRole, String> e : uris.entrySet()) {
      LoadedModel model =
          ModelCache.get(new ModelSpec(e.getKey(), e.getValue()), Device.cpu(), fetcher);
      bytes += size(model.localFile());
      bytes += size(fetcher.localCopy(model.spec().sidecarUri()));
      if (model.sidecar().tokenizer() != null) {
        bytes += size(model.localFile().resolveSibling(model.sidecar().tokenizer()));
      }
    }
    ZooFigures f =
        ToyZooEvaluation.run(
            toy,
            "heldout",
            load(ModelRole.SAM_ENCODER, uris, fetcher),
            load(ModelRole.SAM_DECODER, uris, fetcher),
            load(ModelRole.GROUNDER, uris, fetcher));
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("sam_box_iou_pass_rate", f.samBoxPassRate());
    node.put("sam_jitter_box_iou_pass_rate", f.samJitterPassRate());
    node.put("sam_point_iou_pass_rate", f.samPointPassRate());
    node.put("sam_predicted_iou_spearman", f.predictedIouSpearman());
    node.put("grounder_pass_rate", f.grounderObjectPassRate());
    node.put("grounder_part_pass_rate", f.grounderPartPassRate());
    node.put("objects", f.objects());
    node.put("zoo_bytes", bytes);
    node.put("seconds", Math.round(f.seconds() * 100) / 100.0);
    return node;
  }

  /**
   * SAM automatic mask generation with the toy preset on the first held-out images: {@code recall}
   * (objects ≥ 64 px covered at IoU ≥ 0.5), {@code masks_per_image}, {@code postprocess_share}.
   */
  static ObjectNode amg(SparkSession spark, Path toy) throws IOException {
    Map<String, String> conf = SparkSessions.useProperties(spark);
    HadoopModelFetcher fetcher =
        new HadoopModelFetcher(
            spark.sparkContext().hadoopConfiguration(), System.getProperty("java.io.tmpdir"));
    Map<ModelRole, String> uris =
        Map.of(
            ModelRole.SAM_ENCODER, ModelKeys.SAM_ENCODER.read(conf),
            ModelRole.SAM_DECODER, ModelKeys.SAM_DECODER.read(conf));
    AmgFigures f =
        AmgEvaluation.run(
            toy,
            "heldout",
            AMG_IMAGES,
            load(ModelRole.SAM_ENCODER, uris, fetcher),
            load(ModelRole.SAM_DECODER, uris, fetcher),
            AmgOptions.toyPreset());
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("recall", f.recall());
    node.put("masks_per_image", f.masksPerImage());
    node.put("postprocess_share", Math.round(f.postprocessShare() * 10000) / 10000.0);
    node.put("images", f.images());
    node.put("objects", f.objects());
    node.put("blank_image_masks", f.blankImageMasks());
    node.put("seconds", Math.round(f.seconds() * 100) / 100.0);
    return node;
  }

  private static LoadedModel load(
      ModelRole role, Map<ModelRole, String> uris, HadoopModelFetcher fetcher) {
    return ModelCache.get(new ModelSpec(role, uris.get(role)), Device.cpu(), fetcher);
  }

  private static long size(Path file) throws IOException {
    return Files.size(file);
  }
}
