package ai.use.model.sam.amg;

import ai.use.common.geometry.BoxNms;
import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import ai.use.model.sam.amg.SmallRegions.Mode;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * SAM's {@code postprocess_small_regions} (used when {@code min_mask_region_area > 0}): every mask
 * loses its small holes, then its small islands ({@link SmallRegions}); masks that changed get
 * score 0 and the others score 1, and a box NMS over the cleaned masks' boxes (threshold {@code
 * max(box_nms_thresh, crop_nms_thresh)}) removes the new duplicates, so an unchanged mask wins over
 * a cleaned one.
 *
 * <p>The survivors come in the NMS order, as SAM's {@code mask_data.filter(keep_by_nms)}: unchanged
 * masks first, then changed ones, each group by increasing input index ({@link BoxNms}'s stable tie
 * rule).
 */
public final class SmallRegionCleanup {
  private SmallRegionCleanup() {}

  /**
   * One surviving mask.
   *
   * @param index the mask's index in the input list
   * @param mask the cleaned mask (the input mask itself when unchanged)
   * @param box SAM's {@code batched_mask_to_box} of the cleaned mask (inclusive max corner)
   * @param changed whether holes or islands were removed (SAM's score 0)
   */
  public record Kept(int index, BinaryMask mask, BoxXyxy box, boolean changed) {}

  /**
   * Cleans the masks and removes new duplicates.
   *
   * @param masks full-image masks, in the order of SAM's {@code mask_data}
   * @param minArea SAM's {@code min_mask_region_area}, {@code > 0}
   * @param nmsThresh the box IoU cut-off, in {@code [0, 1]}
   * @return the survivors in NMS order; empty for no masks
   */
  public static List<Kept> apply(List<BinaryMask> masks, double minArea, double nmsThresh) {
    Preconditions.checkArgument(
        minArea > 0, "min_mask_region_area must be > 0 for the cleanup, got %s", minArea);
    Preconditions.checkArgument(
        nmsThresh >= 0 && nmsThresh <= 1, "NMS threshold must be in [0, 1], got %s", nmsThresh);
    int n = masks.size();
    List<BinaryMask> cleaned = new ArrayList<>(n);
    List<BoxXyxy> boxes = new ArrayList<>(n);
    double[] scores = new double[n];
    for (BinaryMask mask : masks) {
      SmallRegions.Result holes = SmallRegions.remove(mask, minArea, Mode.HOLES);
      SmallRegions.Result islands = SmallRegions.remove(holes.mask(), minArea, Mode.ISLANDS);
      boolean unchanged = !holes.changed() && !islands.changed();
      scores[cleaned.size()] = unchanged ? 1.0 : 0.0;
      cleaned.add(islands.mask());
      boxes.add(BoxXyxy.ofMaskInclusive(islands.mask()));
    }
    int[] keep = BoxNms.batchedNms(boxes, scores, new int[n], nmsThresh);
    List<Kept> out = new ArrayList<>(keep.length);
    for (int i : keep) {
      out.add(new Kept(i, cleaned.get(i), boxes.get(i), scores[i] == 0.0));
    }
    return out;
  }
}
