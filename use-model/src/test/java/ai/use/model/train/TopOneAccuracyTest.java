package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.PooledFeatures;
import ai.use.model.head.UseEmbedder;
import ai.use.model.head.UseHead;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopOneAccuracyTest {
  private static final HeadDims DIMS = new HeadDims(1, 2, 1, 2, 2);

  @Test
  void countsSegmentsWhoseNearestClassTextIsTheirLabel() {
    HeadConfig config = new HeadConfig(DIMS, 2, true, false, false);
    // identity head: clip block features pass straight through (LN γ=1, β=0, W=I, out=I)
    float[] w = new float[UseHead.parameterCount(config)];
    List<String> names = UseHead.parameterNames(config);
    assertThat(names)
        .containsExactly(
            "clip_ln_gamma",
            "clip_ln_beta",
            "clip_proj_weight",
            "clip_proj_bias",
            "clip_block_logits",
            "out_weight",
            "out_bias",
            UseHead.LOGIT_SCALE);
    float[] values = {1, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 2.6f};
    System.arraycopy(values, 0, w, 0, values.length);
    List<PooledFeatures> segments =
        List.of(seg(3, 0.1f), seg(0.2f, 5), seg(1, 0.9f), seg(-1, -0.5f));
    float[][] classes = {{10, 0}, {0, 0.1f}};
    try (UseEmbedder e = UseEmbedder.of(config, w, 1e-5f, 1e-5f)) {
      assertThat(TopOneAccuracy.predict(e, segments, classes)).containsExactly(0, 1, 0, 1);
      assertThat(TopOneAccuracy.of(e, segments, new int[] {0, 1, 1, 1}, classes)).isEqualTo(0.75);
      assertThatThrownBy(() -> TopOneAccuracy.of(e, segments, new int[] {0}, classes))
          .hasMessageContaining("one label per segment");
      assertThatThrownBy(() -> TopOneAccuracy.predict(e, segments, new float[][] {{1, 2, 3}}))
          .hasMessageContaining("class text 0 has width 3, the head maps to 2");
    }
  }

  private static PooledFeatures seg(float a, float b) {
    return new PooledFeatures(new float[] {a, b}, new float[2], new float[2], new float[2]);
  }
}
