package ai.use.model.text;

import com.google.common.base.Preconditions;

/**
 * A referring phrase and its source span {@code [start, end)} in the caption it was extracted from:
 * {@code caption.substring(start, end).equals(text)} always holds.
 *
 * @param text the phrase exactly as written in the caption
 * @param start first character (inclusive)
 * @param end last character (exclusive)
 * @param granularity object or part
 * @param parent for a {@link Granularity#PART}, the index in the same list of the object phrase it
 *     belongs to; {@code -1} for an {@link Granularity#OBJECT}
 */
public record Phrase(String text, int start, int end, Granularity granularity, int parent) {
  public Phrase {
    Preconditions.checkArgument(
        0 <= start && start < end && end - start == text.length(),
        "span [%s, %s) does not fit the phrase '%s'",
        start,
        end,
        text);
    Preconditions.checkArgument(
        (granularity == Granularity.PART) == (parent >= 0),
        "a PART needs a parent index and an OBJECT has none (-1): %s, parent %s",
        granularity,
        parent);
  }

  /** An object phrase. */
  public static Phrase object(String text, int start, int end) {
    return new Phrase(text, start, end, Granularity.OBJECT, -1);
  }

  /** A part phrase of the object phrase at index {@code parent}. */
  public static Phrase part(String text, int start, int end, int parent) {
    return new Phrase(text, start, end, Granularity.PART, parent);
  }
}
