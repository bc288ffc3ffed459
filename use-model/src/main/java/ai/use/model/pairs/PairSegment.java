package ai.use.model.pairs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A segment after mask NMS: the kept candidate and every duplicate merged into it.
 *
 * @param primary the highest-ranked candidate; its text is the pair's main text
 * @param merged the suppressed duplicates, by decreasing rank
 */
public record PairSegment(SegmentCandidate primary, List<SegmentCandidate> merged)
    implements Serializable {

  /** The other distinct texts of the segment, in rank order, without the main text. */
  public List<String> altTexts() {
    List<String> alt = new ArrayList<>();
    for (SegmentCandidate c : merged) {
      if (!c.text().equals(primary.text()) && !alt.contains(c.text())) {
        alt.add(c.text());
      }
    }
    return alt;
  }

  /** Every span of the segment: the primary's first, then the merged ones in rank order. */
  public List<TextSpan> spans() {
    List<TextSpan> spans = new ArrayList<>();
    spans.add(primary.span());
    merged.forEach(c -> spans.add(c.span()));
    return spans;
  }

  /** Whether the primary or a merged candidate came from phrase {@code phrase}. */
  public boolean hasPhrase(int phrase) {
    return primary.phrase() == phrase || merged.stream().anyMatch(c -> c.phrase() == phrase);
  }
}
