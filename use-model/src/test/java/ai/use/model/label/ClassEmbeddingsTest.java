package ai.use.model.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassEmbeddingsTest {
  /** A fake text encoder: axis 0 for prompts with "circle" or "disc", axis 1 otherwise. */
  private static float[][] encode(List<String> texts, List<String> seen) {
    seen.addAll(texts);
    float[][] out = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      // Unnormalized on purpose: lengths differ per prompt.
      out[i] =
          t.contains("circle")
              ? new float[] {3, 0, 0}
              : t.contains("disc") ? new float[] {0, 0, 5} : new float[] {0, 2, 0};
    }
    return out;
  }

  @Test
  void averagesNormalizedPromptEmbeddingsOverTemplatesAndSynonymsInOneCall() {
    Vocabulary v = Vocabulary.parse("circle, disc\nsquare\n", "v");
    PromptTemplates t = new PromptTemplates(List.of("a {}.", "the {}."));
    List<String> seen = new ArrayList<>();
    int[] calls = new int[1];
    ClassEmbeddings e =
        ClassEmbeddings.ensemble(
            v,
            t,
            texts -> {
              calls[0]++;
              return encode(texts, seen);
            });
    assertThat(calls[0]).isEqualTo(1);
    assertThat(seen)
        .containsExactly(
            "a circle.", "the circle.", "a disc.", "the disc.", "a square.", "the square.");
    float r = (float) (1 / Math.sqrt(2));
    assertThat(e.vectors()[0])
        .containsExactly(new float[] {r, 0, r}, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(e.vectors()[1])
        .containsExactly(new float[] {0, 1, 0}, org.assertj.core.data.Offset.offset(1e-6f));
  }

  @Test
  void scorerGivesSoftmaxOfScaledCosinesAndTopK() {
    ClassEmbeddings c = new ClassEmbeddings(new float[][] {{1, 0}, {0, 1}, {-1, 0}});
    LabelScorer scorer = new LabelScorer(c, 10);
    double[] p = scorer.probabilities(new float[] {2, 0}); // cosines 1, 0, -1
    double z = Math.exp(10) + Math.exp(0) + Math.exp(-10);
    assertThat(p[0]).isCloseTo(Math.exp(10) / z, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[1]).isCloseTo(1 / z, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    List<LabelScorer.ScoredClass> top = LabelScorer.topK(p, 2);
    assertThat(top).extracting(LabelScorer.ScoredClass::index).containsExactly(0, 1);
    assertThat(LabelScorer.topK(new double[] {0.5, 0.5}, 5))
        .extracting(LabelScorer.ScoredClass::index)
        .containsExactly(0, 1);
  }

  @Test
  void scorerRejectsAnEmbeddingOfAnotherWidth() {
    LabelScorer scorer = new LabelScorer(new ClassEmbeddings(new float[][] {{1, 0}}), 100);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> scorer.probabilities(new float[] {1, 0, 0}))
        .hasMessageContaining("width 3")
        .hasMessageContaining("have 2");
  }
}
