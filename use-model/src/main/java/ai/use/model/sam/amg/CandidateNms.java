package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxNms;
import ai.use.common.geometry.BoxXyxy;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * SAM's two box NMS steps over {@link Candidate}s, both torchvision {@code batched_nms} with one
 * category ({@link BoxNms}: suppress when IoU {@code >} threshold, ties to the earlier candidate).
 * The survivors come in NMS order (decreasing score), as SAM's {@code MaskData.filter(keep)}.
 */
public final class CandidateNms {
  private CandidateNms() {}

  /**
   * NMS within one crop ({@code _process_crop}), scored by predicted IoU.
   *
   * @param candidates the crop's candidates, in batch order
   * @param boxNmsThresh SAM's {@code box_nms_thresh}
   */
  public static List<Candidate> withinCrop(List<Candidate> candidates, double boxNmsThresh) {
    double[] scores = new double[candidates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = candidates.get(i).predictedIou();
    }
    return run(candidates, scores, boxNmsThresh);
  }

  /**
   * NMS across crops ({@code _generate_masks}), scored by {@link CropBox#crossCropNmsScore()} so
   * masks from smaller crops win. SAM runs it only when there is more than one crop box; with a
   * single crop the candidates are returned as they are.
   *
   * @param candidates every crop's survivors, crops in {@link CropBoxes#generate} order
   * @param cropCount the number of crop boxes of the image
   * @param cropNmsThresh SAM's {@code crop_nms_thresh}
   */
  public static List<Candidate> acrossCrops(
      List<Candidate> candidates, int cropCount, double cropNmsThresh) {
    Preconditions.checkArgument(cropCount >= 1, "crop count must be >= 1, got %s", cropCount);
    if (cropCount == 1) {
      return List.copyOf(candidates);
    }
    double[] scores = new double[candidates.size()];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = candidates.get(i).crop().crossCropNmsScore();
    }
    return run(candidates, scores, cropNmsThresh);
  }

  private static List<Candidate> run(List<Candidate> candidates, double[] scores, double thresh) {
    List<BoxXyxy> boxes = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      boxes.add(c.box());
    }
    int[] keep = BoxNms.batchedNms(boxes, scores, new int[candidates.size()], thresh);
    List<Candidate> out = new ArrayList<>(keep.length);
    for (int i : keep) {
      out.add(candidates.get(i));
    }
    return out;
  }
}
