package ai.use.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real-world style captions (COCO-like) with the phrases a person would expect, written here. */
class PhraseExtractorTest {
  private static PhraseExtractor extractor;

  @BeforeAll
  static void load() {
    extractor = PhraseExtractor.create();
  }

  /** An expected phrase: its text, and for a part the text of its object. */
  record Expected(String text, String parentText) {
    @Override
    public String toString() {
      return parentText == null ? text : text + " ⊂ " + parentText;
    }
  }

  static Expected obj(String text) {
    return new Expected(text, null);
  }

  static Expected part(String text, String parentText) {
    return new Expected(text, parentText);
  }

  static Stream<Arguments> captions() {
    return Stream.of(
        Arguments.of(
            "A man riding a brown horse next to a red barn.",
            List.of(obj("A man"), obj("a brown horse"), obj("a red barn"))),
        Arguments.of(
            "Two dogs playing with a frisbee in the grass.",
            List.of(obj("Two dogs"), obj("a frisbee"), obj("the grass"))),
        Arguments.of(
            "A man in a red shirt is riding a bicycle down the street.",
            List.of(obj("A man"), obj("a red shirt"), obj("a bicycle"), obj("the street"))),
        Arguments.of(
            "A black cat sitting on top of a wooden chair.",
            List.of(obj("A black cat"), obj("a wooden chair"))),
        Arguments.of(
            "A close-up of a pizza with pepperoni and green peppers on a white plate.",
            List.of(obj("a pizza"), obj("pepperoni"), obj("green peppers"), obj("a white plate"))),
        Arguments.of(
            "The handle of the knife is made of wood.",
            List.of(part("The handle", "the knife"), obj("the knife"), obj("wood"))),
        Arguments.of(
            "A bird with a long orange beak and black wings perched on a branch.",
            List.of(
                obj("A bird"),
                part("a long orange beak", "A bird"),
                part("black wings", "A bird"),
                obj("a branch"))),
        Arguments.of(
            "A living room with a brown leather couch and a flat screen television.",
            List.of(
                obj("A living room"),
                obj("a brown leather couch"),
                obj("a flat screen television"))),
        Arguments.of(
            "There is a clock on the side of the building.",
            List.of(obj("a clock"), part("the side", "the building"), obj("the building"))),
        Arguments.of(
            "A little girl holding a teddy bear in front of a Christmas tree.",
            List.of(obj("A little girl"), obj("a teddy bear"), obj("a Christmas tree"))),
        Arguments.of(
            "The woman's hair is tied back with a red ribbon.",
            List.of(obj("The woman"), part("The woman's hair", "The woman"), obj("a red ribbon"))),
        Arguments.of(
            "An elephant with large tusks standing in a field of tall grass.",
            List.of(
                obj("An elephant"),
                part("large tusks", "An elephant"),
                obj("a field of tall grass"))),
        Arguments.of(
            "A red double decker bus driving past a group of tourists.",
            List.of(obj("A red double decker bus"), obj("a group of tourists"))),
        Arguments.of(
            "A bowl of fruit sitting on the kitchen counter next to the sink.",
            List.of(obj("A bowl of fruit"), obj("the kitchen counter"), obj("the sink"))),
        Arguments.of(
            "A white truck with a blue door and four black wheels parked near a fence.",
            List.of(
                obj("A white truck"),
                part("a blue door", "A white truck"),
                part("four black wheels", "A white truck"),
                obj("a fence"))),
        Arguments.of(
            "A person on the left is holding an umbrella while it rains.",
            List.of(obj("A person"), obj("an umbrella"))),
        Arguments.of(
            "Several sheep grazing on a hillside under a cloudy sky.",
            List.of(obj("Several sheep"), obj("a hillside"), obj("a cloudy sky"))),
        Arguments.of("It is a sunny day at the beach.", List.of(obj("the beach"))),
        Arguments.of(
            "A plate with a sandwich, some chips and a pickle.",
            List.of(obj("A plate"), obj("a sandwich"), obj("some chips"), obj("a pickle"))),
        Arguments.of(
            "The giraffe's neck stretches toward the leaves of the tree.",
            List.of(
                obj("The giraffe"),
                part("The giraffe's neck", "The giraffe"),
                part("the leaves", "the tree"),
                obj("the tree"))),
        Arguments.of(
            "A young boy with blonde hair and blue eyes eats a slice of pizza.",
            List.of(
                obj("A young boy"),
                part("blonde hair", "A young boy"),
                part("blue eyes", "A young boy"),
                obj("a slice of pizza"))),
        Arguments.of(
            "A photo of a red car with a broken headlight parked at night.",
            List.of(obj("a red car"), part("a broken headlight", "a red car"))),
        // Multi-sentence answers in the style the vlm source's prompt asks for.
        Arguments.of(
            "The image shows a white dog with a black nose lying on a green couch. The couch has"
                + " a wooden frame and two red cushions.",
            List.of(
                obj("a white dog"),
                part("a black nose", "a white dog"),
                obj("a green couch"),
                obj("The couch"),
                part("a wooden frame", "The couch"),
                part("two red cushions", "The couch"))),
        Arguments.of(
            "In this photo, a tall man in a blue jacket stands next to a silver car with a cracked"
                + " windshield and a flat tire.",
            List.of(
                obj("a tall man"),
                obj("a blue jacket"),
                obj("a silver car"),
                part("a cracked windshield", "a silver car"),
                part("a flat tire", "a silver car"))),
        Arguments.of(
            "There are three people in the image: a woman with curly hair, a child holding a"
                + " balloon, and an old man with a grey beard.",
            List.of(
                obj("three people"),
                obj("a woman"),
                part("curly hair", "a woman"),
                obj("a child"),
                obj("a balloon"),
                obj("an old man"),
                part("a grey beard", "an old man"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("captions")
  void findsTheReferringPhrasesOfARealWorldCaption(String caption, List<Expected> expected) {
    List<Phrase> phrases = extractor.extract(caption);

    assertThat(describe(phrases)).as(caption).containsExactlyElementsOf(expected);
    assertSpansAreExact(caption, phrases);
  }

  @Test
  void spansPointIntoTheCaptionEvenWithOddSpacingAndNonAsciiText() {
    String caption = "  A   café   with a red  door ,  and two tables.";

    List<Phrase> phrases = extractor.extract(caption);

    assertThat(describe(phrases))
        .containsExactly(obj("A   café"), part("a red  door", "A   café"), obj("two tables"));
    assertSpansAreExact(caption, phrases);
    assertThat(phrases.get(0).start()).isEqualTo(2);
  }

  @Test
  void aPartOfAPartBelongsToTheObjectAtTheEndOfTheChain() {
    String caption = "The knob of the door of the car is broken.";

    List<Phrase> phrases = extractor.extract(caption);

    assertThat(describe(phrases))
        .containsExactly(part("The knob", "the car"), part("the door", "the car"), obj("the car"));
  }

  @Test
  void aPhraseMustFitItsSpanAndAPartNeedsAParent() {
    assertThatThrownBy(() -> new Phrase("a dog", 3, 7, Granularity.OBJECT, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("span [3, 7) does not fit the phrase 'a dog'");
    assertThatThrownBy(() -> new Phrase("a tail", 0, 6, Granularity.PART, -1))
        .hasMessage("a PART needs a parent index and an OBJECT has none (-1): PART, parent -1");
    assertThatThrownBy(() -> new Phrase("a dog", 0, 5, Granularity.OBJECT, 2))
        .hasMessage("a PART needs a parent index and an OBJECT has none (-1): OBJECT, parent 2");
  }

  @Test
  void aCaptionThatNamesNothingHasNoPhrases() {
    assertThat(extractor.extract("It is raining.")).isEmpty();
    assertThat(extractor.extract("A picture.")).isEmpty();
    assertThat(extractor.extract("   ")).isEmpty();
    assertThat(extractor.extract("")).isEmpty();
    assertThat(extractor.extract(null)).isEmpty();
  }

  @Test
  void aPartNounWithoutAnOwnerIsAnObjectAndAttachesToTheNearestPhrase() {
    assertThat(describe(extractor.extract("A wheel on the floor.")))
        .containsExactly(obj("A wheel"), obj("the floor"));
    assertThat(describe(extractor.extract("A man with a dog with a long tail.")))
        .containsExactly(obj("A man"), obj("a dog"), part("a long tail", "a dog"));
  }

  @Test
  void withAnObjectNounIsAnObjectNotAPart() {
    assertThat(describe(extractor.extract("A man with a dog walks past a house with a red roof.")))
        .containsExactly(obj("A man"), obj("a dog"), obj("a house"), part("a red roof", "a house"));
  }

  @Test
  void oneExtractorPerThreadOnSharedModelsGivesTheSameAnswersAsOneThread() throws Exception {
    List<String> all = captions().map(a -> (String) a.get()[0]).toList();
    List<List<Phrase>> sequential = all.stream().map(extractor::extract).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<List<Phrase>>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(
            pool.submit(
                () -> {
                  PhraseExtractor own = PhraseExtractor.create();
                  List<List<Phrase>> out = new ArrayList<>();
                  for (int round = 0; round < 5; round++) {
                    out.clear();
                    all.forEach(c -> out.add(own.extract(c)));
                  }
                  return out;
                }));
      }
      for (Future<List<List<Phrase>>> f : futures) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(sequential);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(EnglishModels.get())
        .as("models are loaded once per JVM")
        .isSameAs(EnglishModels.get());
  }

  static List<Expected> describe(List<Phrase> phrases) {
    List<Expected> out = new ArrayList<>();
    for (Phrase p : phrases) {
      out.add(
          p.granularity() == Granularity.PART
              ? part(p.text(), phrases.get(p.parent()).text())
              : obj(p.text()));
    }
    return out;
  }

  static void assertSpansAreExact(String caption, List<Phrase> phrases) {
    for (Phrase p : phrases) {
      assertThat(caption.substring(p.start(), p.end())).as("span of %s", p).isEqualTo(p.text());
      if (p.granularity() == Granularity.PART) {
        assertThat(phrases.get(p.parent()).granularity()).isEqualTo(Granularity.OBJECT);
      }
    }
    for (int i = 1; i < phrases.size(); i++) {
      assertThat(phrases.get(i).start()).isGreaterThanOrEqualTo(phrases.get(i - 1).start());
    }
  }
}
