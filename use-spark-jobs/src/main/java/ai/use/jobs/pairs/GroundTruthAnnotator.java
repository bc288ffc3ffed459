package ai.use.jobs.pairs;

import ai.use.common.id.StableIds;
import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecodeException;
import ai.use.common.image.ImageDecoder;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.jobs.tables.ErrorRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Executor side of {@code pairs --source ground-truth}: decodes one image (to validate it and learn
 * its size), checks the annotation's declared size, and turns each annotated segment into a pair
 * row — or an error record naming the image, the annotation and what to do.
 */
public final class GroundTruthAnnotator {
  /** The {@code source} column value of pairs made by this annotator. */
  public static final String SOURCE = "ground-truth";

  private final ImageDecoder decoder;
  private final ExifPolicy exif;
  private final String runId;

  public GroundTruthAnnotator(ImageDecoder decoder, ExifPolicy exif, String runId) {
    this.decoder = decoder;
    this.exif = exif;
    this.runId = runId;
  }

  /** Pairs and errors of one image file and its annotations. */
  public ImageOutcome annotate(String uri, byte[] content, AnnotatedImage annotated) {
    String imageId = StableIds.imageId(uri);
    List<ErrorRecord> errors = new ArrayList<>();
    DecodedImage image;
    try {
      image = decoder.decode(content, uri, exif);
    } catch (ImageDecodeException e) {
      errors.add(
          new ErrorRecord(
              imageId,
              uri,
              "decode",
              "image",
              e.reason().name(),
              e.getMessage() + skipped(annotated)));
      return new ImageOutcome(uri, List.of(), errors);
    }
    int declaredW = annotated.image().width();
    int declaredH = annotated.image().height();
    if ((declaredW > 0 && declaredW != image.width())
        || (declaredH > 0 && declaredH != image.height())) {
      errors.add(
          new ErrorRecord(
              imageId,
              uri,
              "match",
              "image",
              "SizeMismatch",
              "annotations declare "
                  + declaredW
                  + "x"
                  + declaredH
                  + " but "
                  + uri
                  + " decodes to "
                  + image.width()
                  + "x"
                  + image.height()
                  + " (EXIF orientation "
                  + image.exifOrientation()
                  + (image.orientationApplied() ? " applied" : " ignored")
                  + "); fix the annotation or set spark.use.image.exifOrientation"
                  + skipped(annotated)));
      return new ImageOutcome(uri, List.of(), errors);
    }
    List<Row> pairs = new ArrayList<>();
    for (GroundTruthSegment segment : annotated.segments()) {
      Row row = pairRow(uri, imageId, image, segment, errors);
      if (row != null) {
        pairs.add(row);
      }
    }
    return new ImageOutcome(uri, pairs, errors);
  }

  private Row pairRow(
      String uri,
      String imageId,
      DecodedImage image,
      GroundTruthSegment s,
      List<ErrorRecord> errors) {
    String item = "annotation:" + s.annotationId();
    if (!s.granularity().equals("object") && !s.granularity().equals("part")) {
      errors.add(
          new ErrorRecord(
              imageId,
              uri,
              "annotate",
              item,
              "BadGranularity",
              "granularity '" + s.granularity() + "' is not object or part"));
      return null;
    }
    if (s.text() == null || s.text().isBlank()) {
      errors.add(
          new ErrorRecord(
              imageId,
              uri,
              "annotate",
              item,
              "NoText",
              "annotation has no text and its category has no name"));
      return null;
    }
    Rle rle;
    try {
      rle = s.segmentation().toRle(image.height(), image.width());
    } catch (IllegalArgumentException e) {
      errors.add(new ErrorRecord(imageId, uri, "mask", item, "BadSegmentation", e.getMessage()));
      return null;
    }
    long area = CocoRle.area(rle);
    if (area == 0) {
      errors.add(
          new ErrorRecord(
              imageId,
              uri,
              "mask",
              item,
              "EmptyMask",
              "the segmentation covers no pixel of the "
                  + image.width()
                  + "x"
                  + image.height()
                  + " image"));
      return null;
    }
    long[] bbox = CocoRle.bboxXywh(rle);
    return RowFactory.create(
        Tables.PAIRS.version(),
        StableIds.of(uri, SOURCE, item),
        imageId,
        uri,
        s.granularity(),
        s.text(),
        s.altTexts().toArray(new String[0]),
        new double[] {bbox[0], bbox[1], bbox[2], bbox[3]},
        RowFactory.create(new int[] {rle.height(), rle.width()}, rle.counts()),
        area,
        null,
        null,
        null,
        SOURCE,
        s.annotationId(),
        s.parentId(),
        runId);
  }

  private static String skipped(AnnotatedImage annotated) {
    int n = annotated.segments().size();
    return n == 0 ? "" : " (" + n + " annotations of this image were not written)";
  }
}
