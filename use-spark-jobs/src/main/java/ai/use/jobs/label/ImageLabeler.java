package ai.use.jobs.label;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.common.id.StableIds;
import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecodeException;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.jobs.gpu.TaskDevices;
import ai.use.jobs.images.ListedImage;
import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.TaskThreads;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.model.image.ImageTensor;
import ai.use.model.label.LabelPng;
import ai.use.model.label.SegmentEmbedder;
import ai.use.model.label.SemanticMap;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.amg.AmgOptions;
import ai.use.model.sam.amg.AmgTimings;
import ai.use.model.sam.amg.MaskGeneration;
import ai.use.model.sam.amg.MaskRecord;
import ai.use.model.sam.amg.SamCropEncoder;
import ai.use.model.sam.amg.Segmentation;
import ai.use.model.spec.ModelRole;
import ai.use.model.vit.VitEncoder;
import ai.use.model.vit.VitFeatures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The per-image work of a label run, inside a task: read → decode → SAM automatic masks → backbone
 * features → segment embeddings → rows (segments, manifest, labels) and, optionally, the semantic
 * map PNG. Models come from the per-JVM {@link ModelCache} and are loaded only when the partition
 * holds an image; predictors and native memory are opened per partition (per image for SAM) and
 * closed in {@code finally}. A failure in any step makes the image an {@code error} manifest row
 * plus an errors row naming the step — never a failed task.
 */
final class ImageLabeler implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LabelModels models;
  private final AmgFlags amg;
  private final LabelVocabulary vocabulary; // null: no labels
  private final boolean semanticMaps;
  private final String out;
  private final String runId;
  private final ImageLimits limits;
  private final ExifPolicy exif;
  private final int batchSize;
  private final SerializableConfiguration hadoop;

  ImageLabeler(
      LabelModels models,
      AmgFlags amg,
      LabelVocabulary vocabulary,
      boolean semanticMaps,
      String out,
      String runId,
      ImageLimits limits,
      ExifPolicy exif,
      int batchSize,
      SerializableConfiguration hadoop) {
    this.models = models;
    this.amg = amg;
    this.vocabulary = vocabulary;
    this.semanticMaps = semanticMaps;
    this.out = out;
    this.runId = runId;
    this.limits = limits;
    this.exif = exif;
    this.batchSize = batchSize;
    this.hadoop = hadoop;
  }

  /** Labels a partition's images (the {@code mapPartitions} function). */
  Iterator<LabelOutcome> labelAll(Iterator<ListedImage> images) {
    List<LabelOutcome> outcomes = new ArrayList<>();
    if (!images.hasNext()) {
      return outcomes.iterator();
    }
    TaskThreads.matchTaskCpus();
    Device device = TaskDevices.current();
    LoadedModel samEncoder = load(ModelRole.SAM_ENCODER, device);
    AmgOptions options = amg.toOptions();
    ImageDecoder decoder = new ImageDecoder(limits);
    try (SegmentEmbedder embedder = models.newEmbedder();
        SamEncoder encoder = new SamEncoder(samEncoder);
        SamDecoder samDecoder = new SamDecoder(load(ModelRole.SAM_DECODER, device));
        VitEncoder clip = new VitEncoder(load(ModelRole.CLIP_IMAGE, device), batchSize);
        VitEncoder dino =
            embedder.backbones().contains(ModelRole.DINOV2)
                ? new VitEncoder(load(ModelRole.DINOV2, device), batchSize)
                : null;
        NDManager root = samEncoder.model().getNDManager().newSubManager()) {
      Steps steps = new Steps(decoder, encoder, samDecoder, clip, dino, embedder, options, root);
      while (images.hasNext()) {
        outcomes.add(label(images.next(), steps));
      }
    }
    return outcomes.iterator();
  }

  private LoadedModel load(ModelRole role, Device device) {
    return ModelCache.get(models.specs().get(role), device, models.fetcher());
  }

  /** The per-partition tools. */
  private record Steps(
      ImageDecoder decoder,
      SamEncoder samEncoder,
      SamDecoder samDecoder,
      VitEncoder clip,
      VitEncoder dino,
      SegmentEmbedder embedder,
      AmgOptions amg,
      NDManager root) {}

  private LabelOutcome label(ListedImage image, Steps steps) {
    String imageId = StableIds.imageId(image.uri());
    StageNanos nanos = new StageNanos();
    String stage = "read";
    try {
      nanos.start(stage);
      byte[] bytes = read(image);
      stage = "decode";
      nanos.start(stage);
      DecodedImage decoded = steps.decoder().decode(bytes, image.uri(), exif);
      int h = decoded.height();
      int w = decoded.width();
      stage = "amg_postprocessing";
      nanos.start(stage);
      List<MaskRecord> records;
      AmgTimings amgTimings = new AmgTimings();
      try (NDManager manager = steps.root().newSubManager()) {
        records =
            MaskGeneration.generate(
                h,
                w,
                steps.amg(),
                new SamCropEncoder(
                    decoded.image(),
                    steps.samEncoder(),
                    steps.samDecoder(),
                    manager,
                    steps.amg(),
                    amgTimings));
      }
      nanos.stop();
      nanos.move(stage, "preprocess", amgTimings.preprocessNanos());
      nanos.move(stage, "sam_encoder", amgTimings.encodeNanos());
      nanos.move(stage, "prompt_decoding", amgTimings.decodeNanos());
      if (records.isEmpty()) {
        if (semanticMaps) {
          stage = "maps";
          nanos.start(stage);
          writeMap(image.relativePath(), SemanticMap.paint(h, w, List.of(), List.of()));
        }
        nanos.stop();
        return outcome(
            image, imageId, ImageStatus.NO_SEGMENTS, List.of(), List.of(), List.of(), nanos);
      }
      stage = "preprocess";
      nanos.start(stage);
      List<BufferedImage> one = List.of(decoded.image());
      List<ImageTensor> clipInput = steps.clip().preprocess(one);
      List<ImageTensor> dinoInput = steps.dino() == null ? null : steps.dino().preprocess(one);
      stage = "backbones";
      nanos.start(stage);
      Map<ModelRole, VitFeatures> features = new EnumMap<>(ModelRole.class);
      features.put(ModelRole.CLIP_IMAGE, steps.clip().encodePreprocessed(clipInput).get(0));
      if (dinoInput != null) {
        features.put(ModelRole.DINOV2, steps.dino().encodePreprocessed(dinoInput).get(0));
      }
      stage = "head";
      nanos.start(stage);
      List<BinaryMask> masks = new ArrayList<>(records.size());
      for (MaskRecord r : records) {
        masks.add(((Segmentation.Binary) r.segmentation()).mask());
      }
      float[][] embeddings = steps.embedder().embed(features, masks);
      List<Row> segments = new ArrayList<>(records.size());
      List<String> segmentIds = new ArrayList<>(records.size());
      for (int s = 0; s < records.size(); s++) {
        Rle rle = CocoRle.encode(masks.get(s));
        String segmentId = StableIds.of(imageId, rle.counts());
        segmentIds.add(segmentId);
        segments.add(
            LabelRows.segment(
                imageId,
                image.uri(),
                segmentId,
                rle,
                CocoRle.bboxXywh(rle),
                records.get(s).area(),
                records.get(s).predictedIou(),
                records.get(s).stabilityScore(),
                embeddings[s],
                models.modelVersion(),
                runId));
      }
      List<Row> labels = new ArrayList<>();
      if (vocabulary != null) {
        stage = "labels";
        nanos.start(stage);
        List<double[]> probabilities = new ArrayList<>(records.size());
        for (int s = 0; s < records.size(); s++) {
          double[] p = vocabulary.scorer().probabilities(embeddings[s]);
          probabilities.add(p);
          labels.add(
              LabelRows.labels(
                  imageId, segmentIds.get(s), models.modelVersion(), vocabulary, p, runId));
        }
        if (semanticMaps) {
          stage = "maps";
          nanos.start(stage);
          writeMap(image.relativePath(), SemanticMap.paint(h, w, masks, probabilities));
        }
      }
      nanos.stop();
      return outcome(image, imageId, ImageStatus.LABELED, segments, labels, List.of(), nanos);
    } catch (ImageDecodeException e) {
      nanos.stop();
      return failed(image, imageId, "decode", e.reason().name(), e.getMessage(), nanos);
    } catch (IOException | RuntimeException e) {
      nanos.stop();
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return failed(image, imageId, stage, e.getClass().getSimpleName(), message, nanos);
    }
  }

  private LabelOutcome outcome(
      ListedImage image,
      String imageId,
      ImageStatus status,
      List<Row> segments,
      List<Row> labels,
      List<ErrorRecord> errors,
      StageNanos nanos) {
    Row manifest =
        LabelRows.manifest(
            imageId,
            image.uri(),
            image.length(),
            image.modificationTime(),
            models.modelVersion(),
            status,
            segments.size(),
            runId);
    return new LabelOutcome(manifest, segments, labels, errors, nanos);
  }

  private LabelOutcome failed(
      ListedImage image,
      String imageId,
      String stage,
      String kind,
      String message,
      StageNanos nanos) {
    ErrorRecord error =
        new ErrorRecord(
            imageId,
            image.uri(),
            stage,
            "image",
            kind,
            message + " (the image is retried by the next run)");
    return outcome(image, imageId, ImageStatus.ERROR, List.of(), List.of(), List.of(error), nanos);
  }

  private byte[] read(ListedImage image) throws IOException {
    Path path = new Path(image.uri());
    FileSystem fs = path.getFileSystem(hadoop.get());
    try (InputStream in = fs.open(path)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, limits.maxBytes() + 1));
      if (bytes.length > limits.maxBytes()) {
        throw new IOException(
            "the file has more than spark.use.image.maxBytes = " + limits.maxBytes() + " bytes");
      }
      return bytes;
    }
  }

  private void writeMap(String relativePath, SemanticMap map) throws IOException {
    Path path = new Path(LabelPaths.semanticMap(out, vocabulary.vocabId(), relativePath));
    FileSystem fs = path.getFileSystem(hadoop.get());
    try (OutputStream o = fs.create(path, true)) {
      o.write(LabelPng.encode(map));
    }
  }
}
