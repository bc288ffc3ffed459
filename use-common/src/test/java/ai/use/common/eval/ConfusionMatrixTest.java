package ai.use.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Confusion matrices counted from label maps, checked against matrices computed by hand. */
class ConfusionMatrixTest {
  private static LabelImage map8(int w, int h, int... values) {
    return new LabelImage(w, h, 8, values);
  }

  /** Reads a map back from PNG bytes, so the pixels the evaluator sees went through a file. */
  private static LabelImage viaPng(LabelImage image) {
    return LabelImage.read(image.encodePng(), "test.png");
  }

  @Test
  void toyLayoutIgnoresZeroAnd255AndCountsIgnoredPredictionsAsMissed() {
    LabelImage gt = viaPng(map8(4, 3, 1, 1, 2, 0, 1, 2, 2, 255, 3, 3, 0, 2));
    LabelImage pred = viaPng(map8(4, 3, 1, 2, 2, 3, 0, 2, 2, 1, 3, 1, 1, 2));

    ConfusionMatrix m =
        new ImageEvaluation(LabelLayout.TOY, LabelLayout.TOY, 3)
            .evaluate(gt, "gt.png", pred, "pred.png");

    // Rows = ground truth (classes 0..2 after 1-based -> 0-based), columns = prediction + none.
    long[][] byHand = {{1, 1, 0, 1}, {0, 4, 0, 0}, {1, 0, 1, 0}};
    for (int g = 0; g < 3; g++) {
      for (int p = 0; p <= 3; p++) {
        assertThat(m.get(g, p)).as("gt %d pred %d", g, p).isEqualTo(byHand[g][p]);
      }
    }
    assertThat(m.total()).isEqualTo(9);
    assertThat(m.groundTruthPixels(0)).isEqualTo(3);
    assertThat(m.predictedPixels(1)).isEqualTo(5);
  }

  @Test
  void sixteenBitAde847MapsKeepHighClassesAndIgnore65535() {
    LabelImage gt = viaPng(new LabelImage(4, 1, 16, new int[] {846, 500, 65535, 0}));
    LabelImage pred = viaPng(new LabelImage(4, 1, 16, new int[] {846, 846, 3, 0}));
    assertThat(gt.bitDepth()).isEqualTo(16);
    assertThat(gt.values()).containsExactly(846, 500, 65535, 0);

    ConfusionMatrix m =
        new ImageEvaluation(LabelLayout.ADE20K_847, LabelLayout.ADE20K_847, 847)
            .evaluate(gt, "gt.png", pred, "pred.png");

    assertThat(m.get(846, 846)).isEqualTo(1);
    assertThat(m.get(500, 846)).isEqualTo(1);
    assertThat(m.get(0, 0)).isEqualTo(1);
    assertThat(m.total()).isEqualTo(3); // the 65535 pixel is ignored, its prediction too
  }

  @Test
  void mergingByAdditionEqualsCountingBothImagesAtOnce() {
    ImageEvaluation eval = new ImageEvaluation(LabelLayout.INDEX, LabelLayout.INDEX, 3);
    ConfusionMatrix a = eval.evaluate(map8(2, 2, 0, 1, 2, 255), "a", map8(2, 2, 0, 0, 2, 1), "a'");
    ConfusionMatrix b = eval.evaluate(map8(2, 1, 1, 1), "b", map8(2, 1, 1, 255), "b'");
    ConfusionMatrix both =
        eval.evaluate(map8(6, 1, 0, 1, 2, 255, 1, 1), "ab", map8(6, 1, 0, 0, 2, 1, 1, 255), "ab'");

    assertThat(new ConfusionMatrix(3).add(a).add(b)).isEqualTo(both);
    assertThatThrownBy(() -> a.add(new ConfusionMatrix(4)))
        .hasMessageContaining("cannot merge a 4-class matrix into a 3-class matrix");
  }

  @Test
  void sizeMismatchAndOutOfRangeValuesAreNamedErrors() {
    ImageEvaluation eval = new ImageEvaluation(LabelLayout.TOY, LabelLayout.TOY, 3);
    assertThatThrownBy(() -> eval.evaluate(map8(2, 1, 1, 1), "g.png", map8(1, 2, 1, 1), "p.png"))
        .isInstanceOf(EvalInputException.class)
        .hasMessageContaining("prediction p.png is 1x2 but its ground truth g.png is 2x1")
        .extracting(e -> ((EvalInputException) e).kind())
        .isEqualTo(EvalInputException.Kind.SIZE_MISMATCH);
    assertThatThrownBy(() -> eval.evaluate(map8(2, 1, 1, 4), "g.png", map8(2, 1, 1, 1), "p.png"))
        .isInstanceOf(EvalInputException.class)
        .hasMessageContaining("g.png holds the value 4")
        .hasMessageContaining("0 = ignore, 1..3, 255 = ignore");
  }

  @Test
  void ade20k150ReducesTheZeroLabel() {
    LabelLayout ade = LabelLayout.named("ADE20K-150");
    assertThat(ade.toClass(0, 150, "x")).isEqualTo(LabelLayout.IGNORE);
    assertThat(ade.toClass(1, 150, "x")).isZero();
    assertThat(ade.toClass(150, 150, "x")).isEqualTo(149);
    assertThat(ade.toClass(255, 150, "x")).isEqualTo(LabelLayout.IGNORE);
    assertThatThrownBy(() -> ade.toClass(151, 150, "x")).isInstanceOf(EvalInputException.class);
    assertThat(LabelLayout.PASCAL_CONTEXT_59.toClass(59, 59, "x")).isEqualTo(58);
    assertThat(LabelLayout.PASCAL_CONTEXT_459.toClass(458, 459, "x")).isEqualTo(458);
    assertThat(LabelLayout.PASCAL_CONTEXT_459.toClass(65535, 459, "x"))
        .isEqualTo(LabelLayout.IGNORE);
  }

  @Test
  void layoutsCheckTheClassList() {
    assertThatThrownBy(() -> LabelLayout.ADE20K_150.checkClassCount(149, "classes.txt"))
        .hasMessageContaining("layout ade20k-150 has 150 classes but classes.txt lists 149");
    assertThatThrownBy(() -> LabelLayout.INDEX.checkClassCount(300, "c.txt"))
        .hasMessageContaining("cannot store 300 classes");
    LabelLayout.INDEX16.checkClassCount(300, "c.txt");
    assertThatThrownBy(() -> LabelLayout.named("cityscapes"))
        .hasMessageContaining("unknown label layout 'cityscapes'; allowed: toy, ade20k-150");
    assertThat(LabelLayout.all()).extracting(LabelLayout::name).doesNotHaveDuplicates();
    assertThat(List.of(LabelLayout.TOY.toClass(4, 12, "x"))).containsExactly(3);
  }
}
