package ai.use.model.text;

/**
 * One token of a caption with its Penn Treebank tag and chunk label ({@code B-NP}, {@code I-NP},
 * {@code B-PP}, {@code O}, ...), and its character span {@code [start, end)} in the caption.
 */
record Token(String text, String tag, String chunk, int start, int end) {

  boolean isNoun() {
    return tag.startsWith("NN");
  }

  boolean isPossessive() {
    return "POS".equals(tag);
  }

  /** The lower-cased word. */
  String word() {
    return text.toLowerCase(java.util.Locale.ROOT);
  }
}
