package ai.use.model.pairs;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a part's segment only if it lies mostly inside its parent object's mask: {@code |part ∩
 * parent| / |part| >= minInside} for at least one object segment that holds the part's parent
 * phrase (a phrase grounded to several boxes has several). A part whose parent phrase has no
 * segment, or whose primary candidate has no parent, is dropped too: without its object it cannot
 * be checked.
 */
public final class PartFilter {
  private final double minInside;

  /**
   * @param minInside in [0, 1]: share of the part's pixels that must lie inside the parent
   */
  public PartFilter(double minInside) {
    Preconditions.checkArgument(
        minInside >= 0 && minInside <= 1, "minInside must be in [0, 1], got %s", minInside);
    this.minInside = minInside;
  }

  /** The outcome: kept segments (objects and accepted parts) and the number of parts dropped. */
  public record Result(List<PairSegment> kept, int partsOutsideParent, int partsWithoutParent) {}

  /** Filters the merged segments of one image. */
  public Result apply(List<PairSegment> segments) {
    List<PairSegment> objects = segments.stream().filter(s -> !s.primary().part()).toList();
    List<PairSegment> kept = new ArrayList<>(objects);
    int outside = 0;
    int orphan = 0;
    for (PairSegment s : segments) {
      if (!s.primary().part()) {
        continue;
      }
      int parent = s.primary().parentPhrase();
      List<PairSegment> parents =
          parent < 0 ? List.of() : objects.stream().filter(o -> o.hasPhrase(parent)).toList();
      if (parents.isEmpty()) {
        orphan++;
      } else if (parents.stream().anyMatch(o -> insideShare(s, o) >= minInside)) {
        kept.add(s);
      } else {
        outside++;
      }
    }
    return new Result(List.copyOf(kept), outside, orphan);
  }

  /** {@code |part ∩ parent| / |part|}; 0 for an empty part. */
  public static double insideShare(PairSegment part, PairSegment parent) {
    BinaryMask p = CocoRle.decode(part.primary().mask());
    long area = p.area();
    return area == 0
        ? 0
        : (double) p.intersectionArea(CocoRle.decode(parent.primary().mask())) / area;
  }
}
