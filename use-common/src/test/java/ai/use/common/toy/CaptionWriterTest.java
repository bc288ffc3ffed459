package ai.use.common.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.use.common.mask.Rle;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CaptionWriterTest {

  @Test
  void writesTheDocumentedCaptionsWithExactSpans() {
    ObjectAnnotations circle =
        object(101, 10, ToyShape.CIRCLE, ToyColour.RED, ToySize.LARGE, ToyColour.BLUE, null);
    ObjectAnnotations square =
        object(
            105,
            200,
            ToyShape.SQUARE,
            ToyColour.GREEN,
            ToySize.SMALL,
            ToyColour.YELLOW,
            ToyColour.ORANGE);

    List<ToyCaption> captions = CaptionWriter.captions(1, List.of(square, circle));

    assertThat(captions)
        .extracting(ToyCaption::caption)
        .containsExactly(
            "A picture of a large red circle with a blue top, and a small green square with a"
                + " yellow top and an orange handle.",
            "A scene with a large red circle and a small green square.");
    assertThat(captions).extracting(ToyCaption::id).containsExactly(11, 12);
    ToyCaption detailed = captions.get(0);
    assertThat(detailed.phrases())
        .extracting(
            ToyCaption.Phrase::text, ToyCaption.Phrase::annId, ToyCaption.Phrase::granularity)
        .containsExactly(
            tuple("a large red circle", 101, "object"),
            tuple("a blue top", 103, "part"),
            tuple("a small green square", 105, "object"),
            tuple("a yellow top", 107, "part"),
            tuple("an orange handle", 108, "part"));
    for (ToyCaption caption : captions) {
      for (ToyCaption.Phrase p : caption.phrases()) {
        assertThat(caption.caption().substring(p.start(), p.end())).isEqualTo(p.text());
      }
    }
  }

  @Test
  void joinsThreeObjectsWithCommas() {
    List<ObjectAnnotations> objects =
        List.of(
            object(101, 0, ToyShape.CIRCLE, ToyColour.RED, ToySize.LARGE, ToyColour.BLUE, null),
            object(104, 50, ToyShape.SQUARE, ToyColour.RED, ToySize.LARGE, ToyColour.BLUE, null),
            object(107, 90, ToyShape.DIAMOND, ToyColour.RED, ToySize.SMALL, ToyColour.BLUE, null));

    assertThat(CaptionWriter.captions(1, objects).get(1).caption())
        .isEqualTo("A scene with a large red circle, a large red square, and a small red diamond.");
  }

  /** An object whose annotation ids are {@code id} (object), id+1 (body), id+2 (top), id+3. */
  private static ObjectAnnotations object(
      int id,
      long x,
      ToyShape shape,
      ToyColour colour,
      ToySize size,
      ToyColour top,
      ToyColour handle) {
    SceneObject object =
        new SceneObject(
            shape,
            colour,
            size,
            50,
            top,
            handle,
            (int) x,
            0,
            ShapeRasterizer.rasterize(shape, 50, handle != null));
    ToyAnnotation objectAnnotation = annotation(id, x, null, object, colour);
    Map<ToyPart, ToyAnnotation> parts = new EnumMap<>(ToyPart.class);
    int next = id + 1;
    for (ToyPart part : object.parts()) {
      parts.put(part, annotation(next++, x, part, object, object.colourOf(part)));
    }
    return new ObjectAnnotations(object, objectAnnotation, parts);
  }

  private static ToyAnnotation annotation(
      int id, long x, ToyPart part, SceneObject object, ToyColour colour) {
    return new ToyAnnotation(
        id,
        1,
        1,
        new Rle(0, 0, ""),
        1,
        new long[] {x, 0, 1, 1},
        part == null ? ToyAnnotation.OBJECT : ToyAnnotation.PART,
        part == null ? null : id,
        object.name(),
        "the " + object.name(),
        object.shape(),
        colour,
        object.size(),
        part);
  }
}
