package ai.use.common.toy;

import java.util.List;

/**
 * A caption of one image with the character spans of its phrases.
 *
 * @param id caption id, {@code imageId * 10 + c}
 * @param imageId image id
 * @param caption the text
 * @param phrases every phrase of the caption that names an annotation, in text order
 */
record ToyCaption(int id, int imageId, String caption, List<Phrase> phrases) {

  /**
   * A phrase span {@code [start, end)} of a caption and the annotation it names.
   *
   * @param start first character (inclusive)
   * @param end last character (exclusive)
   * @param text {@code caption.substring(start, end)}
   * @param annId the annotation it refers to
   * @param granularity that annotation's granularity
   */
  record Phrase(int start, int end, String text, int annId, String granularity) {}
}
