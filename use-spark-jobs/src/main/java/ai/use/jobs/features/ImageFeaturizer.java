package ai.use.jobs.features;

import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecodeException;
import ai.use.common.image.ImageDecoder;
import ai.use.common.table.Tables;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.tables.ErrorRecord;
import ai.use.model.head.FeaturePooling;
import ai.use.model.head.MaskWeightException;
import ai.use.model.head.NormalizedTokens;
import ai.use.model.head.PooledFeatures;
import ai.use.model.vit.VitEncoder;
import ai.use.model.vit.VitFeatures;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Executor side of the features job for a batch of images: read and decode each image once, run
 * both frozen backbones on the batch (each image once), normalize the tokens once per image, pool
 * once per pair. One instance per task (it holds the tasks's encoders, not their models).
 */
final class ImageFeaturizer {
  private final VitEncoder clip;
  private final VitEncoder dino;
  private final FeaturePooling clipPooling;
  private final FeaturePooling dinoPooling;
  private final ImageDecoder decoder;
  private final ExifPolicy exif;
  private final Configuration hadoop;
  private final String featureVersion;
  private final String runId;

  ImageFeaturizer(
      VitEncoder clip,
      FeaturePooling clipPooling,
      VitEncoder dino,
      FeaturePooling dinoPooling,
      ImageDecoder decoder,
      ExifPolicy exif,
      Configuration hadoop,
      String featureVersion,
      String runId) {
    this.clip = clip;
    this.dino = dino;
    this.clipPooling = clipPooling;
    this.dinoPooling = dinoPooling;
    this.decoder = decoder;
    this.exif = exif;
    this.hadoop = hadoop;
    this.featureVersion = featureVersion;
    this.runId = runId;
  }

  /** Features of every pair of {@code images} (each a non-empty list of one image's pairs). */
  List<ImageOutcome> featurize(List<List<PairInput>> images) {
    List<ImageOutcome> out = new ArrayList<>();
    List<List<PairInput>> decodedPairs = new ArrayList<>();
    List<BufferedImage> decoded = new ArrayList<>();
    for (List<PairInput> pairs : images) {
      PairInput first = pairs.get(0);
      try {
        DecodedImage image = decoder.decode(read(first.imageUri()), first.imageUri(), exif);
        decoded.add(image.image());
        decodedPairs.add(pairs);
      } catch (ImageDecodeException e) {
        out.add(imageError(pairs, "decode", e.reason().name(), e.getMessage()));
      } catch (IllegalArgumentException e) {
        out.add(imageError(pairs, "read", "ReadFailed", e.getMessage()));
      }
    }
    if (decoded.isEmpty()) {
      return out;
    }
    List<VitFeatures> clipFeatures = clip.encode(decoded);
    List<VitFeatures> dinoFeatures = dino.encode(decoded);
    for (int i = 0; i < decoded.size(); i++) {
      NormalizedTokens c = clipPooling.normalize(clipFeatures.get(i));
      NormalizedTokens d = dinoPooling.normalize(dinoFeatures.get(i));
      out.add(pool(decodedPairs.get(i), c, d));
    }
    return out;
  }

  private ImageOutcome pool(List<PairInput> pairs, NormalizedTokens clip, NormalizedTokens dino) {
    List<Row> rows = new ArrayList<>();
    List<ErrorRecord> errors = new ArrayList<>();
    for (PairInput p : pairs) {
      try {
        PooledFeatures f = FeaturePooling.pooled(clip, dino, p.mask());
        rows.add(row(p, f));
      } catch (MaskWeightException e) {
        errors.add(
            new ErrorRecord(
                p.imageId(),
                p.imageUri(),
                "pool",
                "pair:" + p.pairId(),
                "NoMaskWeight",
                e.getMessage() + "; the pair was not written to features"));
      }
    }
    return new ImageOutcome(pairs.get(0).imageUri(), pairs.size(), rows, errors);
  }

  private Row row(PairInput p, PooledFeatures f) {
    return RowFactory.create(
        Tables.FEATURES.version(),
        p.pairId(),
        p.imageId(),
        p.granularity(),
        p.text(),
        p.altTexts().toArray(new String[0]),
        boxed(f.clipBlocks()),
        boxed(f.dinoBlocks()),
        boxed(f.clipCls()),
        boxed(f.dinoCls()),
        featureVersion,
        runId);
  }

  private static Float[] boxed(float[] a) {
    Float[] out = new Float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i];
    }
    return out;
  }

  private byte[] read(String uri) {
    try (InputStream in = HadoopFiles.open(uri, hadoop, "image")) {
      long max = decoder.limits().maxBytes();
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (bytes.length > max) {
        throw new IllegalArgumentException(
            "image "
                + uri
                + " has more than spark.use.image.maxBytes = "
                + max
                + " bytes; raise the limit or shrink the image");
      }
      return bytes;
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("read image", uri, e, hadoop);
    }
  }

  private static ImageOutcome imageError(
      List<PairInput> pairs, String stage, String kind, String message) {
    PairInput first = pairs.get(0);
    return new ImageOutcome(
        first.imageUri(),
        pairs.size(),
        List.of(),
        List.of(
            new ErrorRecord(
                first.imageId(),
                first.imageUri(),
                stage,
                "image",
                kind,
                message + " (" + pairs.size() + " pairs of this image were not written)")));
  }
}
