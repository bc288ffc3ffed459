package ai.use.jobs.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.jobs.captions.Caption;
import ai.use.model.grounding.ScoredBox;
import ai.use.model.pairs.MaskChoice;
import ai.use.model.text.PhraseExtractor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The executor stages' per-image logic, without Spark or models. */
class PairsStagesTest {
  private static ImageWork decoded(List<Caption> captions) throws Exception {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_3BYTE_BGR), "png", png);
    ImageWork w = new ImageWork("file:/x/a.png", png.toByteArray(), captions);
    w.image = new ImageDecoder(ImageLimits.defaults()).decode(w.content, w.uri, ExifPolicy.IGNORE);
    return w;
  }

  @Test
  void captionsBecomePhrasesWithSpansAndPartsPointAtTheirParentAcrossCaptions() throws Exception {
    String first = "A dog on a sofa.";
    String second = "A small red car with a blue door.";
    ImageWork w = decoded(List.of(new Caption(1, first, null), new Caption(2, second, null)));

    PhraseStage.phrases(PhraseExtractor.create(), w);

    assertThat(w.stopped()).isFalse();
    assertThat(w.phrases)
        .extracting(PhraseRef::text)
        .containsExactly("A dog", "a sofa", "A small red car", "a blue door");
    PhraseRef door = w.phrases.get(3);
    assertThat(door.part()).isTrue();
    assertThat(door.parent()).as("index in the image's list, not the caption's").isEqualTo(2);
    assertThat(second.substring(door.span().start(), door.span().end())).isEqualTo("a blue door");
    assertThat(door.span().captionId()).isEqualTo(2);
    assertThat(GroundingStage.query(w.phrases, door)).isEqualTo("a blue door of A small red car");
    assertThat(GroundingStage.query(w.phrases, w.phrases.get(0))).isEqualTo("A dog");
    assertThat(w.counts[PairsCount.PART_PHRASES.ordinal()]).isEqualTo(1);
  }

  @Test
  void animageWhoseCaptionsNameNothingStopsWithANoPhrasesError() throws Exception {
    ImageWork w = decoded(List.of(new Caption(5, "Quickly and quietly.", null)));

    PhraseStage.phrases(PhraseExtractor.create(), w);

    assertThat(w.stopped()).isTrue();
    assertThat(w.errors)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.stage()).isEqualTo("phrases");
              assertThat(e.errorClass()).isEqualTo("NoPhrases");
              assertThat(e.message()).contains("Quickly and quietly.");
            });
  }

  @Test
  void aRegionIsOneTrimmedObjectPhraseWithItsBoxClippedToTheImage() throws Exception {
    ImageWork w =
        decoded(
            List.of(
                new Caption(7, "  man in a hat ", new double[] {90, 10, 30, 20}),
                new Caption(8, "nothing here", new double[] {200, 10, 30, 20})));

    PhraseStage.phrases(PhraseExtractor.create(), w);

    assertThat(w.phrases)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.text()).isEqualTo("man in a hat");
              assertThat(p.span().start()).isEqualTo(2);
              assertThat(p.givenBoxXyxy()).containsExactly(90, 10, 100, 30);
            });
    assertThat(w.errors)
        .singleElement()
        .satisfies(e -> assertThat(e.errorClass()).isEqualTo("BadRegion"));
  }

  @Test
  void groundingKeepsBoxesAboveThresholdAfterBoxNmsUpToTheLimit() {
    PairsConfig config =
        PairsConfig.from(
            Map.of("spark.use.pairs.boxesPerPhrase", "2", "spark.use.pairs.boxThreshold", "0.3"));
    GroundingStage stage = new GroundingStage(config, null);
    List<ScoredBox> boxes =
        List.of(
            new ScoredBox(0, 0, 10, 10, 0.9),
            new ScoredBox(1, 0, 11, 10, 0.8), // IoU 0.82 with the first: suppressed
            new ScoredBox(50, 50, 60, 60, 0.5),
            new ScoredBox(70, 50, 80, 60, 0.4), // beyond boxesPerPhrase
            new ScoredBox(20, 20, 30, 30, 0.2)); // below threshold

    assertThat(stage.select(boxes, false)).extracting(ScoredBox::score).containsExactly(0.9, 0.5);
    assertThat(stage.select(List.of(new ScoredBox(0, 0, 10, 10, 0.29)), false)).isEmpty();
    assertThat(stage.select(List.of(new ScoredBox(0, 0, 10, 10, 0.29)), true))
        .as("parts have their own, lower threshold")
        .hasSize(1);
    assertThat(stage.select(List.of(new ScoredBox(0, 0, 10, 10, 0.04)), true)).isEmpty();
    assertThat(config.maskChoice()).isEqualTo(MaskChoice.SINGLE);
  }
}
