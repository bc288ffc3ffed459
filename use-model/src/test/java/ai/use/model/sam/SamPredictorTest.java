package ai.use.model.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.common.geometry.StabilityScore;
import ai.use.common.mask.BinaryMask;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Box- and point-prompted prediction on the toy SAM (CPU). */
class SamPredictorTest {
  private static SamEncoder encoder;
  private static SamDecoder decoder;

  @BeforeAll
  static void load() {
    encoder = new SamEncoder(model(ModelRole.SAM_ENCODER));
    decoder = new SamDecoder(model(ModelRole.SAM_DECODER));
  }

  @AfterAll
  static void close() {
    encoder.close();
    decoder.close();
  }

  private static LoadedModel model(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  /** A toy-world grey background with a red 100 × 100 square at (40, 60). */
  private static BufferedImage scene() {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(128, 128, 124));
    g.fillRect(0, 0, 320, 240);
    g.setColor(Color.RED);
    g.fillRect(40, 60, 100, 100);
    g.setColor(Color.BLUE);
    g.fillRect(200, 40, 80, 120);
    g.dispose();
    return image;
  }

  private static double iouWithRect(BinaryMask m, int x0, int y0, int w, int h) {
    long inter = 0;
    for (int y = y0; y < y0 + h; y++) {
      for (int x = x0; x < x0 + w; x++) {
        inter += m.get(y, x) ? 1 : 0;
      }
    }
    return (double) inter / (m.area() + (long) w * h - inter);
  }

  @Test
  void boxPromptsFindTheBoxedObjects() {
    SamPredictor predictor = SamPredictor.forBoxes(encoder, decoder);
    try (NDManager manager = NDManager.newBaseManager()) {
      List<SamPredictor.Prediction> out =
          predictor.predictBoxes(
              scene(),
              List.of(new double[] {40, 60, 140, 160}, new double[] {200, 40, 280, 160}),
              manager);
      assertThat(out).hasSize(2);
      assertThat(out.get(0).maskIndex()).isZero();
      assertThat(out.get(0).mask().height()).isEqualTo(240);
      assertThat(out.get(0).mask().width()).isEqualTo(320);
      assertThat(iouWithRect(out.get(0).mask(), 40, 60, 100, 100)).isGreaterThan(0.8);
      assertThat(iouWithRect(out.get(1).mask(), 200, 40, 80, 120)).isGreaterThan(0.8);
      assertThat(out.get(0).stabilityScore()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void resultsAreTheDecoderOutputsPostProcessedAsSamDoes() {
    SamPredictor predictor = new SamPredictor(encoder, decoder, true, 0, 1);
    List<SamPrompt> prompts = List.of(SamPrompt.point(90, 110), SamPrompt.box(200, 40, 280, 160));
    try (NDManager manager = NDManager.newBaseManager()) {
      List<SamPredictor.Prediction> got = predictor.predict(scene(), prompts, manager);
      SamOutput out = decoder.decode(encoder.encode(scene(), manager), prompts);
      for (int p = 0; p < prompts.size(); p++) {
        SamPredictor.Prediction r = got.get(p);
        assertThat(r.maskIndex()).isBetween(1, 3);
        for (int m = 1; m < 4; m++) {
          assertThat(out.iou(p, m)).isLessThanOrEqualTo(r.predictedIou());
        }
        assertThat(r.predictedIou()).isEqualTo(out.iou(p, r.maskIndex()));
        assertThat(r.mask()).isEqualTo(out.mask(p, r.maskIndex(), 0f));
        assertThat(r.stabilityScore())
            .isEqualTo(StabilityScore.of(out.originalLogits(p, r.maskIndex()), 0, 1));
      }
    }
  }

  @Test
  void noPromptsRunNoModelAndBadBoxesAreNamed() {
    SamPredictor predictor = SamPredictor.forBoxes(encoder, decoder);
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThat(predictor.predict(scene(), List.of(), manager)).isEmpty();
      assertThatThrownBy(
              () -> predictor.predictBoxes(scene(), List.of(new double[] {1, 2, 3}), manager))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[x0, y0, x1, y1]");
    }
  }
}
