package ai.use.model.pairs;

import ai.use.common.geometry.MaskNms;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Mask-level NMS that merges duplicates instead of dropping them: within one granularity (objects
 * and parts never merge), candidates are visited by decreasing {@link SegmentCandidate#rank()}; a
 * candidate whose mask IoU with an already kept one is {@code > iouThreshold} joins the
 * highest-ranked such kept segment, which keeps its text, alt texts and span. The greedy loop and
 * tie rule are {@link MaskNms#byIou}'s.
 */
public final class SegmentMerger {
  private final double iouThreshold;

  /**
   * @param iouThreshold in [0, 1]: masks with IoU above it are the same segment
   */
  public SegmentMerger(double iouThreshold) {
    Preconditions.checkArgument(
        iouThreshold >= 0 && iouThreshold <= 1,
        "iouThreshold must be in [0, 1], got %s",
        iouThreshold);
    this.iouThreshold = iouThreshold;
  }

  /** The merged segments of one image: objects first, then parts, each by decreasing rank. */
  public List<PairSegment> merge(List<SegmentCandidate> candidates) {
    List<PairSegment> out = new ArrayList<>();
    out.addAll(mergeOne(candidates.stream().filter(c -> !c.part()).toList()));
    out.addAll(mergeOne(candidates.stream().filter(SegmentCandidate::part).toList()));
    return out;
  }

  private List<PairSegment> mergeOne(List<SegmentCandidate> candidates) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    List<Rle> masks = candidates.stream().map(SegmentCandidate::mask).toList();
    double[] scores = candidates.stream().mapToDouble(SegmentCandidate::rank).toArray();
    int[] kept = MaskNms.byIou(masks, scores, iouThreshold);
    boolean[] isKept = new boolean[candidates.size()];
    List<List<SegmentCandidate>> merged = new ArrayList<>();
    for (int k : kept) {
      isKept[k] = true;
      merged.add(new ArrayList<>());
    }
    // Visit the suppressed ones by decreasing rank, so each merged list stays in rank order.
    for (int i : byRank(scores)) {
      if (isKept[i]) {
        continue;
      }
      for (int j = 0; j < kept.length; j++) {
        if (CocoRle.iou(masks.get(kept[j]), masks.get(i)) > iouThreshold) {
          merged.get(j).add(candidates.get(i));
          break;
        }
      }
    }
    List<PairSegment> out = new ArrayList<>(kept.length);
    for (int j = 0; j < kept.length; j++) {
      out.add(new PairSegment(candidates.get(kept[j]), List.copyOf(merged.get(j))));
    }
    return out;
  }

  /** Indices by decreasing score, ties by lower index first (MaskNms's visiting order). */
  private static int[] byRank(double[] scores) {
    return IntStream.range(0, scores.length)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> scores[i] + 0.0).reversed())
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
