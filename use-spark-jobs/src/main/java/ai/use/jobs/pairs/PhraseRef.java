package ai.use.jobs.pairs;

import ai.use.model.pairs.TextSpan;

/**
 * A phrase of one image on its way to a mask.
 *
 * @param text the phrase
 * @param span where it is in its caption
 * @param part whether it names a part
 * @param parent for a part: index of its object phrase in the image's phrase list; else -1
 * @param givenBoxXyxy for a region description: its box {@code [x0, y0, x1, y1]} (grounding is
 *     skipped); else null
 */
record PhraseRef(String text, TextSpan span, boolean part, int parent, double[] givenBoxXyxy) {

  /** The errors-table item naming this phrase: {@code phrase:<caption id>:<start>-<end>}. */
  String item() {
    return "phrase:" + span.captionId() + ":" + span.start() + "-" + span.end();
  }
}
