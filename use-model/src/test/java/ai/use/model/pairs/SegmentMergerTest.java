package ai.use.model.pairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentMergerTest {
  static Rle rect(int x0, int y0, int x1, int y1) {
    BinaryMask m = new BinaryMask(40, 40);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m.set(y, x, true);
      }
    }
    return CocoRle.encode(m);
  }

  static SegmentCandidate candidate(
      int phrase, String text, boolean part, int parent, Rle mask, double score) {
    return new SegmentCandidate(
        phrase,
        text,
        new TextSpan(1, phrase * 10, phrase * 10 + text.length(), text),
        part,
        parent,
        0,
        mask,
        score,
        0.9,
        0.95);
  }

  @Test
  void duplicatesMergeIntoTheBestRankedAndKeepEveryTextAndSpan() {
    Rle a = rect(0, 0, 20, 20);
    Rle aShifted = rect(1, 0, 21, 20); // IoU 19/21 = 0.905
    Rle b = rect(25, 25, 35, 35);
    List<PairSegment> merged =
        new SegmentMerger(0.8)
            .merge(
                List.of(
                    candidate(0, "a red square", false, -1, a, 0.5),
                    candidate(1, "the square", false, -1, aShifted, 0.7),
                    candidate(2, "a blue circle", false, -1, b, 0.6),
                    candidate(3, "a red square", false, -1, a, 0.4)));

    assertThat(merged).hasSize(2);
    PairSegment first = merged.get(0);
    assertThat(first.primary().text()).isEqualTo("the square");
    assertThat(first.altTexts()).containsExactly("a red square");
    assertThat(first.spans()).extracting(TextSpan::start).containsExactly(10, 0, 30);
    assertThat(merged.get(1).primary().text()).isEqualTo("a blue circle");
    assertThat(merged.get(1).merged()).isEmpty();
  }

  @Test
  void objectsAndPartsNeverMergeEvenWithTheSameMask() {
    Rle a = rect(0, 0, 20, 20);
    List<PairSegment> merged =
        new SegmentMerger(0.5)
            .merge(
                List.of(
                    candidate(0, "a blue top", true, 1, a, 0.9),
                    candidate(1, "a red square", false, -1, a, 0.5)));
    assertThat(merged)
        .extracting(s -> s.primary().text())
        .containsExactly("a red square", "a blue top");
  }

  @Test
  void aMaskJustAtTheThresholdStaysSeparate() {
    Rle a = rect(0, 0, 10, 10);
    Rle half = rect(0, 0, 10, 5); // IoU exactly 0.5
    assertThat(
            new SegmentMerger(0.5)
                .merge(
                    List.of(
                        candidate(0, "x", false, -1, a, 0.9),
                        candidate(1, "y", false, -1, half, 0.8))))
        .hasSize(2);
  }

  @Test
  void rejectsAThresholdOutsideZeroToOne() {
    assertThatThrownBy(() -> new SegmentMerger(1.5))
        .hasMessageContaining("iouThreshold must be in [0, 1], got 1.5");
  }
}
