package ai.use.common.toy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the captions of an image, objects ordered left to right, with a span for every phrase:
 *
 * <ol>
 *   <li>object and part granularity: {@code "A picture of a large red circle with a blue top, and a
 *       small green square with a yellow top and a purple handle."} — {@code "a large red circle"}
 *       names the object, {@code "a blue top"} and {@code "a purple handle"} its parts;
 *   <li>object granularity: {@code "A scene with a large red circle and a small green square."}
 * </ol>
 *
 * The body is annotated but never named in captions.
 */
final class CaptionWriter {
  /** Caption ids are {@code imageId * ID_STRIDE + c}. */
  static final int ID_STRIDE = 10;

  private CaptionWriter() {}

  static List<ToyCaption> captions(int imageId, List<ObjectAnnotations> objects) {
    List<ObjectAnnotations> ordered = new ArrayList<>(objects);
    ordered.sort(
        Comparator.<ObjectAnnotations>comparingLong(o -> o.annotation().bbox()[0])
            .thenComparingInt(o -> o.annotation().id()));
    return List.of(
        detailed(imageId * ID_STRIDE + 1, imageId, ordered),
        objectsOnly(imageId * ID_STRIDE + 2, imageId, ordered));
  }

  private static ToyCaption detailed(int id, int imageId, List<ObjectAnnotations> objects) {
    Builder b = new Builder("A picture of ");
    for (int i = 0; i < objects.size(); i++) {
      b.separator(i, objects.size(), ", ", ", and ");
      ObjectAnnotations o = objects.get(i);
      b.phrase(objectPhrase(o.annotation()), o.annotation());
      b.text(" with ");
      b.phrase(partPhrase(o.parts().get(ToyPart.TOP)), o.parts().get(ToyPart.TOP));
      ToyAnnotation handle = o.parts().get(ToyPart.HANDLE);
      if (handle != null) {
        b.text(" and ");
        b.phrase(partPhrase(handle), handle);
      }
    }
    b.text(".");
    return b.build(id, imageId);
  }

  private static ToyCaption objectsOnly(int id, int imageId, List<ObjectAnnotations> objects) {
    Builder b = new Builder("A scene with ");
    for (int i = 0; i < objects.size(); i++) {
      b.separator(i, objects.size(), ", ", objects.size() == 2 ? " and " : ", and ");
      b.phrase(objectPhrase(objects.get(i).annotation()), objects.get(i).annotation());
    }
    b.text(".");
    return b.build(id, imageId);
  }

  /** {@code "a large red circle"}. */
  static String objectPhrase(ToyAnnotation object) {
    return withArticle(object.size().label() + " " + object.text());
  }

  /** {@code "a blue top"}, {@code "an orange handle"}. */
  static String partPhrase(ToyAnnotation part) {
    return withArticle(part.colour().label() + " " + part.part().label());
  }

  static String withArticle(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static final class Builder {
    private final StringBuilder text;
    private final List<ToyCaption.Phrase> phrases = new ArrayList<>();

    Builder(String start) {
      text = new StringBuilder(start);
    }

    void text(String s) {
      text.append(s);
    }

    /** Separator before item {@code i} of {@code n}: none, {@code middle}, or {@code last}. */
    void separator(int i, int n, String middle, String last) {
      if (i > 0) {
        text.append(i == n - 1 ? last : middle);
      }
    }

    void phrase(String phrase, ToyAnnotation annotation) {
      int start = text.length();
      text.append(phrase);
      phrases.add(
          new ToyCaption.Phrase(
              start, text.length(), phrase, annotation.id(), annotation.granularity()));
    }

    ToyCaption build(int id, int imageId) {
      return new ToyCaption(id, imageId, text.toString(), List.copyOf(phrases));
    }
  }
}
