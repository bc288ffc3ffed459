package ai.use.jobs.label;

import ai.use.common.config.ModelKeys;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.model.head.HeadArtifact;
import ai.use.model.label.ClipDenseEmbedder;
import ai.use.model.label.HeadEmbedder;
import ai.use.model.label.SegmentEmbedder;
import ai.use.model.label.VersionHash;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The image models of a label run and its {@code model_version}: the content hash of the embedder
 * (the head's version id or {@code clip-dense}), every model file the run uses (TorchScript and
 * sidecar of SAM's encoder and decoder and of each backbone the embedder needs) and the
 * mask-generation config. Resolved on the driver before any Spark action; a missing file fails
 * here, naming its key. Serializable: executors load the same specs.
 *
 * @param specs the image models by role
 * @param head the head artifact folder URI; null for {@code clip-dense}
 * @param embedder {@code clip-dense} or the head's version id
 * @param modelVersion the run's model_version
 * @param versionParts what went into it (recorded in the run summary)
 * @param fetcher copies model files to executors' local disks
 */
public record LabelModels(
    Map<ModelRole, ModelSpec> specs,
    String head,
    String embedder,
    String modelVersion,
    Map<String, String> versionParts,
    HadoopModelFetcher fetcher)
    implements Serializable {

  /** Resolves and hashes the image models for {@code options}. */
  static LabelModels resolve(
      Map<String, String> conf, LabelOptions options, HadoopModelFetcher fetcher) {
    Map<ModelRole, ModelSpec> specs = new EnumMap<>(ModelRole.class);
    specs.put(ModelRole.SAM_ENCODER, spec(ModelRole.SAM_ENCODER, ModelKeys.SAM_ENCODER.read(conf)));
    specs.put(ModelRole.SAM_DECODER, spec(ModelRole.SAM_DECODER, ModelKeys.SAM_DECODER.read(conf)));
    specs.put(ModelRole.CLIP_IMAGE, spec(ModelRole.CLIP_IMAGE, ModelKeys.CLIP_IMAGE.read(conf)));
    if (options.head() != null) {
      specs.put(ModelRole.DINOV2, spec(ModelRole.DINOV2, ModelKeys.DINOV2.read(conf)));
    }
    String embedder;
    if (options.embedder() != null) {
      if (!options.embedder().equals(ClipDenseEmbedder.ID)) {
        throw new IllegalArgumentException(
            "--embedder " + options.embedder() + " is not known; known: " + ClipDenseEmbedder.ID);
      }
      embedder = ClipDenseEmbedder.ID;
    } else {
      embedder = loadHead(options.head(), fetcher).version();
    }
    VersionHash version = new VersionHash().put("embedder", embedder);
    for (ModelSpec spec : specs.values()) {
      version.put(spec.role().id() + ".pt", fileHash(spec, spec.uri(), fetcher));
      version.put(spec.role().id() + ".json", fileHash(spec, spec.sidecarUri(), fetcher));
    }
    version.put("amg", VersionHash.ofAmg(options.amg().toOptions()));
    return new LabelModels(
        Map.copyOf(specs), options.head(), embedder, version.id(), version.parts(), fetcher);
  }

  /** A new embedder for one task (close it): the head, or the clip-dense baseline. */
  SegmentEmbedder newEmbedder() {
    return head == null ? new ClipDenseEmbedder() : new HeadEmbedder(loadHead(head, fetcher));
  }

  /** Loads the head folder ({@code head.json} + {@code head.params}) through the fetcher. */
  static HeadArtifact loadHead(String uri, HadoopModelFetcher fetcher) {
    String folder = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    Path json = fetcher.localCopy(folder + "/" + HeadArtifact.JSON);
    Path params = fetcher.localCopy(folder + "/" + HeadArtifact.PARAMS);
    if (!Files.isRegularFile(json) || !Files.isRegularFile(params)) {
      throw new IllegalArgumentException(
          "--head "
              + uri
              + " is not a head folder: it needs "
              + HeadArtifact.JSON
              + " and "
              + HeadArtifact.PARAMS
              + " (written by the train job)");
    }
    Preconditions.checkState(json.getParent().equals(params.getParent()), "head files apart");
    return HeadArtifact.load(json.getParent());
  }

  /** Hash of a model file, fetched to local disk (a copy the driver keeps for the run). */
  static String fileHash(ModelSpec spec, String uri, HadoopModelFetcher fetcher) {
    Path local = fetcher.localCopy(uri);
    if (!Files.isRegularFile(local)) {
      throw new IllegalArgumentException(
          "the "
              + spec.role().id()
              + " model file "
              + uri
              + " does not exist; check spark.use.model."
              + camel(spec.role())
              + " (a .pt file with its .json sidecar beside it)");
    }
    return VersionHash.ofFile(local);
  }

  private static ModelSpec spec(ModelRole role, String uri) {
    return new ModelSpec(role, uri);
  }

  private static String camel(ModelRole role) {
    String[] parts = role.id().split("-");
    StringBuilder s = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return s.toString();
  }
}
