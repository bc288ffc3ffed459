package ai.use.model.pairs;

import static ai.use.model.pairs.SegmentMergerTest.candidate;
import static ai.use.model.pairs.SegmentMergerTest.rect;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartFilterTest {
  private static PairSegment seg(SegmentCandidate c) {
    return new PairSegment(c, List.of());
  }

  @Test
  void keepsAPartMostlyInsideItsParentAndDropsOneOutside() {
    PairSegment object = seg(candidate(0, "a red square", false, -1, rect(0, 0, 20, 20), 0.9));
    PairSegment inside = seg(candidate(1, "a blue top", true, 0, rect(0, 0, 20, 6), 0.8));
    // 10 x 10 part, 5 columns inside the object: share 0.5
    PairSegment halfOut = seg(candidate(2, "an orange handle", true, 0, rect(15, 5, 25, 15), 0.8));

    PartFilter.Result r = new PartFilter(0.8).apply(List.of(object, inside, halfOut));

    assertThat(r.kept()).containsExactly(object, inside);
    assertThat(r.partsOutsideParent()).isEqualTo(1);
    assertThat(r.partsWithoutParent()).isZero();
    assertThat(PartFilter.insideShare(halfOut, object)).isEqualTo(0.5);
    assertThat(new PartFilter(0.5).apply(List.of(object, halfOut)).kept()).contains(halfOut);
  }

  @Test
  void aParentPhraseMergedIntoAnotherSegmentStillCounts() {
    SegmentCandidate parentDuplicate =
        candidate(3, "the square", false, -1, rect(0, 0, 20, 20), 0.5);
    PairSegment object =
        new PairSegment(
            candidate(0, "a red square", false, -1, rect(0, 0, 20, 20), 0.9),
            List.of(parentDuplicate));
    PairSegment part = seg(candidate(1, "a blue top", true, 3, rect(0, 0, 20, 6), 0.8));
    assertThat(new PartFilter(0.8).apply(List.of(object, part)).kept()).contains(part);
  }

  @Test
  void aPartWhoseParentHasNoSegmentIsDropped() {
    PairSegment part = seg(candidate(1, "a blue top", true, 0, rect(0, 0, 20, 6), 0.8));
    PairSegment orphan = seg(candidate(2, "a top", true, -1, rect(0, 0, 20, 6), 0.8));
    PartFilter.Result r = new PartFilter(0.8).apply(List.of(part, orphan));
    assertThat(r.kept()).isEmpty();
    assertThat(r.partsWithoutParent()).isEqualTo(2);
  }
}
