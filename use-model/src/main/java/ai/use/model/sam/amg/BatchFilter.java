package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of SAM's {@code _process_batch}, on the survivors of the libtorch filters ({@link
 * SurvivorFilter}): per mask, in input order, the box of the mask ({@link
 * BoxXyxy#ofMaskInclusive}); drop masks whose box is near a crop edge that is not an image edge
 * ({@link IsBoxNearCropEdge}); pad the mask and move box and point into the image ({@link Uncrop}).
 */
public final class BatchFilter {
  private BatchFilter() {}

  /**
   * The candidates of one filtered batch.
   *
   * @param batch the survivors at crop resolution
   * @param points prompt points in crop pixels, {@code [P, 2]}; survivor {@code i} belongs to point
   *     {@code i / K}
   * @param crop the crop the batch was decoded from
   * @param imageHeight image height
   * @param imageWidth image width
   * @return the candidates in input order, in image coordinates
   */
  public static List<Candidate> apply(
      DecodedBatch batch, double[][] points, CropBox crop, int imageHeight, int imageWidth) {
    Preconditions.checkArgument(
        batch.height() == crop.height() && batch.width() == crop.width(),
        "decoded batch of %sx%s (HxW) does not match crop %s",
        batch.height(),
        batch.width(),
        crop);
    Preconditions.checkArgument(
        batch.prompts() == points.length,
        "decoded batch of %s prompts does not match %s points",
        batch.prompts(),
        points.length);
    List<Candidate> out = new ArrayList<>();
    for (DecodedBatch.Survivor s : batch.survivors()) {
      BinaryMask mask = s.mask();
      BoxXyxy boxInCrop = BoxXyxy.ofMaskInclusive(mask);
      if (IsBoxNearCropEdge.test(boxInCrop, crop, imageWidth, imageHeight)) {
        continue;
      }
      double[] point = Uncrop.point(points[s.index() / batch.masksPerPoint()], crop);
      out.add(
          new Candidate(
              Uncrop.mask(mask, crop, imageHeight, imageWidth),
              Uncrop.boxXyxy(boxInCrop, crop),
              s.predictedIou(),
              s.stabilityScore(),
              point[0],
              point[1],
              crop));
    }
    return out;
  }
}
