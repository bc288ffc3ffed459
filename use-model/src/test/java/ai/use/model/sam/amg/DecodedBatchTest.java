package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.image.Geometry;
import ai.use.model.sam.SamOutput;
import org.junit.jupiter.api.Test;

/** Decoder output to the [P * K, H, W] layout; identity geometry so the resizes change nothing. */
class DecodedBatchTest {

  /** 2 prompts x 4 masks of 1 x 1 pixel; logit = 100 * p + 10 * m, IoU = p + m / 10. */
  private static SamOutput output() {
    float[] logits = new float[2 * 4];
    float[] iou = new float[2 * 4];
    for (int p = 0; p < 2; p++) {
      for (int m = 0; m < 4; m++) {
        iou[p * 4 + m] = p + m / 10f;
        logits[p * 4 + m] = 100 * p + 10 * m;
      }
    }
    return new SamOutput(2, 4, 1, logits, iou, new Geometry(1, 1, 1, 1, 1));
  }

  @Test
  void multimaskKeepsMasksOneToThree() {
    DecodedBatch b = DecodedBatch.of(output(), true);
    assertThat(b.masksPerPoint()).isEqualTo(3);
    assertThat(b.iouPreds()).containsExactly(0.1f, 0.2f, 0.3f, 1.1f, 1.2f, 1.3f);
    assertThat(b.logits()).containsExactly(10f, 20f, 30f, 110f, 120f, 130f);
  }

  @Test
  void singleMaskKeepsMaskZero() {
    DecodedBatch b = DecodedBatch.of(output(), false);
    assertThat(b.masksPerPoint()).isEqualTo(1);
    assertThat(b.iouPreds()).containsExactly(0f, 1f);
    assertThat(b.logits()).containsExactly(0f, 100f);
  }

  @Test
  void masksBelowTheIouThresholdAreNotUpscaled() {
    // IoU 0.1, 0.2, 0.3, 1.1, 1.2, 1.3 against 0.2: "iou > thresh" keeps 0.3 and the second prompt
    DecodedBatch b = DecodedBatch.of(output(), true, 0.2);
    assertThat(b.iouPreds()).containsExactly(0.1f, 0.2f, 0.3f, 1.1f, 1.2f, 1.3f);
    assertThat(b.logits()).containsExactly(Float.NaN, Float.NaN, 30f, 110f, 120f, 130f);
    assertThat(DecodedBatch.of(output(), true, 0).logits())
        .containsExactly(10f, 20f, 30f, 110f, 120f, 130f);
  }

  @Test
  void rejectsMismatchedSizes() {
    assertThatThrownBy(() -> new DecodedBatch(new float[5], new float[3], 3, 1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("logits of length 5 do not hold 3 masks of 1x2 (HxW)");
  }
}
