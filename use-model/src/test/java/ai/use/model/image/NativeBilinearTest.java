package ai.use.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The libtorch resampling equals the Java reference {@link Bilinear} bit for bit. */
class NativeBilinearTest {
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (r.nextGaussian() * 8);
    }
    return out;
  }

  @Test
  void upscalesTheHandComputedCase() {
    try (NDManager m = manager.newSubManager()) {
      NDArray src = m.create(new float[] {0, 1, 2, 3}, new Shape(1, 2, 2));
      assertThat(NativeBilinear.resize(src, 4, 4).toFloatArray())
          .containsExactly(
              0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f,
              2.75f, 3f);
    }
  }

  /** SAM's post-processing inside libtorch equals torch 1.13 (see BilinearTest) bit for bit. */
  @Test
  void samsTwoStepUpscaleMatchesTorchBitForBit() {
    try (NDManager m = manager.newSubManager()) {
      NDArray src = m.create(BilinearTest.samLogits(), new Shape(1, 256, 256));
      float[] out =
          NativeBilinear.resizeCropResize(src, 1024, 1024, 768, 1024, 240, 320).toFloatArray();
      assertThat(out[100 * 320 + 200]).isEqualTo(1.5462298393249512f);
      assertThat(BilinearTest.positives(out)).isEqualTo(38479);
      assertThat(BilinearTest.checksum(out)).isEqualTo(15087851179189885L);
    }
  }

  @Test
  void resizeEqualsJavaForUpAndDownScaling() {
    int[][] cases = {{5, 7, 3, 11}, {7, 5, 11, 3}, {16, 16, 64, 48}, {31, 17, 4, 40}};
    for (int[] c : cases) {
      float[] in = random(2 * c[0] * c[1], c[2]);
      try (NDManager m = manager.newSubManager()) {
        NDArray src = m.create(in, new Shape(2, c[0], c[1]));
        float[] got = NativeBilinear.resize(src, c[2], c[3]).toFloatArray();
        assertThat(got)
            .as("%s", Arrays.toString(c))
            .containsExactly(Bilinear.resize(in, 2, c[0], c[1], c[2], c[3]));
      }
    }
  }

  @Test
  void samsTwoStepsEqualJavaWithoutTheFullIntermediate() {
    // SAM: 256 -> 1024, keep the 768 x 1024 content of a 240 x 320 image, -> 240 x 320; and an
    // image larger than the frame (1200 x 1600: content 768 x 1024, second step upscales)
    int[][] cases = {{768, 1024, 240, 320}, {768, 1024, 1200, 1600}, {1024, 683, 300, 200}};
    for (int[] c : cases) {
      float[] in = random(2 * 256 * 256, c[2]);
      float[] want = new float[2 * c[2] * c[3]];
      for (int p = 0; p < 2; p++) {
        float[] up =
            Bilinear.resize(
                Arrays.copyOfRange(in, p * 65536, (p + 1) * 65536), 1, 256, 256, 1024, 1024);
        float[] out = new float[c[2] * c[3]];
        Bilinear.resizeInto(up, 0, 1, 1024, 1024, c[0], c[1], out, c[2], c[3]);
        System.arraycopy(out, 0, want, p * out.length, out.length);
      }
      try (NDManager m = manager.newSubManager()) {
        NDArray src = m.create(in, new Shape(2, 256, 256));
        NDArray got = NativeBilinear.resizeCropResize(src, 1024, 1024, c[0], c[1], c[2], c[3]);
        assertThat(got.getShape()).isEqualTo(new Shape(2, c[2], c[3]));
        assertSameBits(got.toFloatArray(), want, Arrays.toString(c));
        assertSameBits(src.toFloatArray(), in, "source");
      }
    }
  }

  /** Equal bit for bit; names the first difference (AssertJ's diff is too slow for 10^5 values). */
  static void assertSameBits(float[] got, float[] want, String what) {
    int at = Arrays.mismatch(got, want);
    assertThat(at)
        .as(
            "%s: first difference at %s (got %s, want %s)",
            what,
            at,
            at >= 0 && at < got.length ? got[at] : "-",
            at >= 0 && at < want.length ? want[at] : "-")
        .isEqualTo(-1);
  }

  @Test
  void rejectsBadShapesWithTheirSizes() {
    try (NDManager m = manager.newSubManager()) {
      NDArray flat = m.zeros(new Shape(4, 4));
      assertThatThrownBy(() -> NativeBilinear.resize(flat, 2, 2))
          .hasMessage("expected float32 planes [N, H, W], got float32 (4, 4)");
      NDArray planes = m.zeros(new Shape(1, 4, 4));
      assertThatThrownBy(() -> NativeBilinear.resizeCropResize(planes, 8, 8, 9, 8, 2, 2))
          .hasMessage("crop 9x8 (HxW) must lie inside the intermediate 8x8");
    }
  }
}
