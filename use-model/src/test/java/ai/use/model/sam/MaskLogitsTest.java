package ai.use.model.sam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.common.geometry.StabilityScore;
import ai.use.common.mask.BinaryMask;
import ai.use.model.image.Geometry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SAM's post-processing on libtorch logits against hand-computed values and the Java path. */
class MaskLogitsTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  @Test
  void stabilityOfATinyTensorByHand() {
    // mask 0 (2 x 3): > 1 -> {2, 1.5} = 2; > -1 -> {2, 0.5, -0.5, 1.5, 0.9} = 5; 1.0 itself is not
    // > 1 and -1.0 is not > -1 (strict, float32). mask 1: nothing above -1: empty union -> 0
    float[] logits = {2f, 0.5f, -0.5f, -2f, 1.5f, 0.9f, -5f, -5f, -1f, -1f, 1f, -3f};
    logits[10] = -4f;
    float[] m0 = {2f, 0.5f, -0.5f, -2f, 1.5f, 0.9f};
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(logits, new Shape(2, 2, 3));
      double[] s = MaskLogits.stabilityScores(x, 0, 1);
      assertThat(s).containsExactly(0.4, 0.0);
      assertThat(s[0]).isEqualTo(StabilityScore.of(m0, 0, 1));
      // threshold 0.5, offset 1: > 1.5 -> {2} = 1; > -0.5 -> {2, 0.5, 1.5, 0.9} = 4
      assertThat(MaskLogits.stabilityScores(x, 0.5, 1)[0]).isEqualTo(0.25);
    }
  }

  @Test
  void binaryMaskIsTheStrictThresholdOfOneMask() {
    float[] logits = {0f, 0.1f, -0.1f, 3f, 0f, 0f, 0f, 0f};
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(logits, new Shape(2, 2, 2));
      assertThat(MaskLogits.binaryMask(x, 0, 0))
          .isEqualTo(BinaryMask.ofRowMajor(2, 2, new boolean[] {false, true, false, true}));
      assertThat(MaskLogits.binaryMask(x, 1, -0.5).area()).isEqualTo(4);
      assertThat(MaskLogits.binaryMask(x, 0, 2.5).area()).isEqualTo(1);
      assertThatThrownBy(() -> MaskLogits.binaryMask(x, 2, 0))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("mask index (2) must be less than size (2)");
    }
  }

  @Test
  void upscaleEqualsTheJavaPostProcessingBitForBit() {
    Random r = new Random(7);
    float[] lowRes = new float[2 * 4 * 256 * 256];
    for (int i = 0; i < lowRes.length; i++) {
      lowRes[i] = (float) (r.nextGaussian() * 6);
    }
    Geometry g = Geometry.longestSide(240, 320, 1024);
    SamOutput java = new SamOutput(2, 4, 256, lowRes, new float[8], g);
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(lowRes, new Shape(8, 256, 256));
      float[] got = MaskLogits.upscale(x, g).toFloatArray();
      int plane = 240 * 320;
      for (int p = 0; p < 2; p++) {
        for (int k = 0; k < 4; k++) {
          float[] want = java.originalLogits(p, k);
          int row = p * 4 + k;
          int at = Arrays.mismatch(Arrays.copyOfRange(got, row * plane, (row + 1) * plane), want);
          assertThat(at).as("prompt %s mask %s: first difference", p, k).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void rejectsWhatIsNotFloatPlanes() {
    try (NDManager m = manager.newSubManager()) {
      NDArray flat = m.zeros(new Shape(4, 4));
      assertThatThrownBy(() -> MaskLogits.stabilityScores(flat, 0, 1))
          .hasMessage("expected float32 mask logits [N, H, W], got float32 (4, 4)");
      NDArray planes = m.zeros(new Shape(1, 4, 4));
      assertThatThrownBy(() -> MaskLogits.stabilityScores(planes, 0, -1))
          .hasMessage("stability offset must be finite and >= 0, got -1.0");
    }
  }
}
