package ai.use.model.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The toy clip-text model through its Java adapter: same referent scores above different ones. */
class ToyClipTextTest {
  private static final List<String> COLOURS =
      List.of("red", "green", "blue", "yellow", "purple", "orange");
  private static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond");

  private static LoadedModel model() {
    return ModelCache.get(
        ToyZoo.spec(ModelRole.CLIP_TEXT), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  static double cos(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void sameReferentScoresAboveEveryDifferentReferent() {
    List<String> bare = new ArrayList<>();
    List<String> withArticle = new ArrayList<>();
    for (String c : COLOURS) {
      for (String s : SHAPES) {
        bare.add(c + " " + s);
        withArticle.add("a " + c + " " + s);
      }
    }
    try (ClipTextEncoder encoder = new ClipTextEncoder(model(), 8)) {
      float[][] a = encoder.embed(withArticle);
      float[][] b = encoder.embed(bare);
      assertThat(a[0]).hasSize(32);
      int checked = 0;
      for (int i = 0; i < a.length; i++) {
        double same = cos(a[i], b[i]);
        for (int j = 0; j < b.length; j++) {
          if (j != i) {
            assertThat(same)
                .as(
                    "cos(%s, %s) > cos(%s, %s)",
                    withArticle.get(i), bare.get(i), withArticle.get(i), bare.get(j))
                .isGreaterThan(cos(a[i], b[j]));
            checked++;
          }
        }
      }
      assertThat(checked).isEqualTo(24 * 23);
    }
  }

  @Test
  void partPhrasesAreClosestToTheirOwnPart() {
    List<String> parts =
        List.of(
            "the blue top of the red circle",
            "the red body of the red circle",
            "the green handle of the red circle");
    List<String> probes = List.of("blue top", "red body", "green handle");
    try (ClipTextEncoder encoder = new ClipTextEncoder(model(), 8)) {
      float[][] p = encoder.embed(parts);
      float[][] q = encoder.embed(probes);
      for (int i = 0; i < p.length; i++) {
        for (int j = 0; j < q.length; j++) {
          if (j != i) {
            assertThat(cos(p[i], q[i])).as(parts.get(i)).isGreaterThan(cos(p[i], q[j]));
          }
        }
      }
    }
  }

  @Test
  void tokenizerRoundTripsTheToyVocabulary() {
    try (ClipTextEncoder encoder = new ClipTextEncoder(model(), 8)) {
      assertThat(encoder.tokenizer().tokens("A large Red circle, with a blue top."))
          .containsExactly("a", "large", "red", "circle", ",", "with", "a", "blue", "top", ".");
      long[] ids = encoder.tokenizer().encode(List.of("red circle"));
      assertThat(ids).hasSize(16);
      assertThat(ids[0]).isEqualTo(2);
      assertThat(ids[1]).isEqualTo(8);
      assertThat(ids[2]).isZero();
    }
  }
}
