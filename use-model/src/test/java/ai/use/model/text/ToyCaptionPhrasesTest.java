package ai.use.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.toy.ToyColour;
import ai.use.common.toy.ToyShape;
import ai.use.common.toy.ToySize;
import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every caption and referring expression of a generated toy world comes out exactly as the
 * generator wrote it: the same spans, granularities, and each part under the phrase of its own
 * object.
 */
class ToyCaptionPhrasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path root;
  private static PhraseExtractor extractor;
  private static JsonNode captions;
  private static JsonNode referring;
  private static Map<Integer, Integer> parentOf;

  @BeforeAll
  static void generate() throws IOException {
    ToyWorldGenerator.generate(ToyWorldSpec.small(11, 0, 40), root);
    String split = ToySplit.HELDOUT.name().toLowerCase(java.util.Locale.ROOT);
    captions = read("captions_" + split + ".json");
    referring = read("referring_" + split + ".json");
    parentOf = new HashMap<>();
    for (JsonNode a : read("instances_" + split + ".json").get("annotations")) {
      if (!a.get("parent_id").isNull()) {
        parentOf.put(a.get("id").asInt(), a.get("parent_id").asInt());
      }
    }
    extractor = PhraseExtractor.create();
  }

  private static JsonNode read(String name) throws IOException {
    return JSON.readTree(root.resolve("annotations").resolve(name).toFile());
  }

  @Test
  void captionPhrasesMatchTheGeneratorsSpansExactly() {
    int captionCount = 0;
    int partCount = 0;
    for (JsonNode c : captions.get("annotations")) {
      String caption = c.get("caption").asText();
      List<Phrase> phrases = extractor.extract(caption);

      List<JsonNode> truth = new ArrayList<>();
      c.get("phrases").forEach(truth::add);
      assertThat(phrases).as(caption).hasSameSizeAs(truth);
      for (int i = 0; i < truth.size(); i++) {
        JsonNode t = truth.get(i);
        Phrase p = phrases.get(i);
        assertThat(p.text()).as(caption).isEqualTo(t.get("text").asText());
        assertThat(p.start()).as(caption).isEqualTo(t.get("start").asInt());
        assertThat(p.end()).as(caption).isEqualTo(t.get("end").asInt());
        assertThat(p.granularity().name().toLowerCase(java.util.Locale.ROOT))
            .as(caption)
            .isEqualTo(t.get("granularity").asText());
        if (p.granularity() == Granularity.PART) {
          int annId = t.get("ann_id").asInt();
          int parentAnnId = truth.get(p.parent()).get("ann_id").asInt();
          assertThat(parentAnnId)
              .as("parent of %s in %s", p.text(), caption)
              .isEqualTo(parentOf.get(annId));
          partCount++;
        }
      }
      captionCount++;
    }
    assertThat(captionCount).isEqualTo(80);
    assertThat(partCount).as("part phrases checked").isGreaterThan(80);
  }

  /**
   * Every object of the vocabulary (shape × colour × size) in both caption patterns, with tops and
   * handles of every colour: the generator's sample above may miss a combination.
   */
  @Test
  void everyVocabularyCombinationInBothCaptionPatterns() {
    int checked = 0;
    for (ToyShape shape : ToyShape.values()) {
      for (ToySize size : ToySize.values()) {
        for (ToyColour colour : ToyColour.values()) {
          ToyColour[] all = ToyColour.values();
          String object = article(size.label() + " " + colour.label() + " " + shape.label());
          String top = article(all[(colour.ordinal() + 1) % all.length].label() + " top");
          String handle = article(all[(colour.ordinal() + 3) % all.length].label() + " handle");
          String other = "a small green square";
          String otherTop = "a yellow top";

          String detailed =
              "A picture of "
                  + object
                  + " with "
                  + top
                  + " and "
                  + handle
                  + ", and "
                  + other
                  + " with "
                  + otherTop
                  + ".";
          assertThat(extractor.extract(detailed))
              .as(detailed)
              .containsExactlyElementsOf(
                  spans(detailed, object, -1, top, 0, handle, 0, other, -1, otherTop, 3));

          String objectsOnly = "A scene with " + other + " and " + object + ".";
          assertThat(extractor.extract(objectsOnly))
              .as(objectsOnly)
              .containsExactlyElementsOf(spans(objectsOnly, other, -1, object, -1));
          checked++;
        }
      }
    }
    assertThat(checked).isEqualTo(48);
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  /** The phrases of {@code caption} in order, each found after the end of the one before. */
  private static List<Phrase> spans(String caption, Object... textAndParent) {
    List<Phrase> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < textAndParent.length; i += 2) {
      String text = (String) textAndParent[i];
      int parent = (Integer) textAndParent[i + 1];
      int start = caption.indexOf(text, from);
      from = start + text.length();
      out.add(
          parent < 0 ? Phrase.object(text, start, from) : Phrase.part(text, start, from, parent));
    }
    return out;
  }

  @Test
  void referringExpressionsHaveTheirHeadPhraseFirstAndPartsUnderTheirObject() {
    int parts = 0;
    for (JsonNode r : referring.get("annotations")) {
      String expression = r.get("phrase").asText();
      List<Phrase> phrases = extractor.extract(expression);

      if (r.get("granularity").asText().equals("object")) {
        // "the large red circle"
        assertThat(phrases)
            .as(expression)
            .containsExactly(Phrase.object(expression, 0, expression.length()));
      } else {
        // "the blue top of the red circle": the part, then its object
        int of = expression.indexOf(" of ");
        String object = expression.substring(of + 4);
        assertThat(phrases)
            .as(expression)
            .containsExactly(
                Phrase.part(expression.substring(0, of), 0, of, 1),
                Phrase.object(object, of + 4, expression.length()));
        parts++;
      }
    }
    assertThat(parts).isGreaterThan(80);
  }
}
