package ai.use.model.pairs;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * Where a phrase came from: {@code [start, end)} in UTF-16 code units of one caption.
 *
 * @param captionId id of the caption (COCO caption id, Visual Genome region id, table row id)
 * @param start first character of the phrase
 * @param end one past its last character
 * @param text the phrase, {@code caption.substring(start, end)}
 */
public record TextSpan(long captionId, int start, int end, String text) implements Serializable {
  public TextSpan {
    Preconditions.checkArgument(
        start >= 0 && end > start, "a span needs 0 <= start < end, got [%s, %s)", start, end);
    Preconditions.checkArgument(
        text != null && text.length() == end - start,
        "span [%s, %s) needs a text of %s characters, got '%s'",
        start,
        end,
        end - start,
        text);
  }

  /** Whether the two spans share a character of the same caption. */
  public boolean overlaps(TextSpan other) {
    return captionId == other.captionId && start < other.end && other.start < end;
  }
}
