package ai.use.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Golden values from PyTorch 1.13: F.interpolate(x, size, mode="bilinear", align_corners=False).
 */
class BilinearTest {

  @Test
  void upscalesLikeTorch() {
    float[] out = Bilinear.resize(new float[] {0, 1, 2, 3}, 1, 2, 2, 4, 4);
    assertThat(out)
        .containsExactly(
            0f, 0.25f, 0.75f, 1f, 0.5f, 0.75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2f, 2.25f,
            2.75f, 3f);
  }

  @Test
  void resamplesArbitrarySizesLikeTorch() {
    float[] in = {
      0.496257f, 0.768222f, 0.088477f, 0.13203f, 0.307423f, 0.634079f, 0.490093f, 0.896445f,
      0.455628f, 0.632306f, 0.348893f, 0.401717f, 0.022326f, 0.168859f, 0.293888f, 0.518522f,
      0.697668f, 0.800011f, 0.161029f, 0.282269f, 0.681609f, 0.915194f, 0.3971f, 0.874156f,
      0.419408f, 0.552907f, 0.952738f, 0.036165f, 0.185231f, 0.373417f, 0.3051f, 0.932f,
      0.17591f, 0.269834f, 0.15068f
    };
    float[] expected = {
      0.629653f, 0.645276f, 0.628181f, 0.377282f, 0.245959f, 0.204318f, 0.289932f, 0.363756f,
      0.42186f, 0.404445f, 0.383015f, 0.293888f, 0.395995f, 0.534808f, 0.64881f, 0.734883f,
      0.800011f, 0.393387f, 0.194095f, 0.271247f, 0.50009f, 0.681608f, 0.428552f, 0.407079f,
      0.391627f, 0.463838f, 0.59164f, 0.761136f, 0.468689f, 0.355001f, 0.47966f, 0.28749f,
      0.112508f
    };
    float[] out = Bilinear.resize(in, 1, 5, 7, 3, 11);
    for (int i = 0; i < expected.length; i++) {
      assertThat(out[i]).as("index %s", i).isCloseTo(expected[i], within(2e-6f));
    }
  }

  /**
   * SAM's mask post-processing (256² → 1024², crop 768 × 1024, → 240 × 320) bit for bit against
   * PyTorch 1.13's {@code F.interpolate} on the reference's multimask batches (3 or more planes:
   * torch takes another, unmatched code path for a single plane). Input: {@link #samLogits()}. The
   * expected checksum, positive count and sample were printed by torch 1.13 on the same values.
   */
  @Test
  void samsTwoStepUpscaleMatchesTorchBitForBit() {
    float[] mid = Bilinear.resize(samLogits(), 1, 256, 256, 1024, 1024);
    float[] out = new float[240 * 320];
    Bilinear.resizeInto(mid, 0, 1, 1024, 1024, 768, 1024, out, 240, 320);
    assertThat(out[100 * 320 + 200]).isEqualTo(1.5462298393249512f);
    assertThat(positives(out)).isEqualTo(38479);
    assertThat(checksum(out)).isEqualTo(15087851179189885L);
  }

  /**
   * Deterministic low-res logits {@code [256, 256]}, exact in float: ((31y + 17x) mod 97 - 48) / 4.
   */
  static float[] samLogits() {
    float[] v = new float[256 * 256];
    for (int y = 0; y < 256; y++) {
      for (int x = 0; x < 256; x++) {
        v[y * 256 + x] = (((y * 31 + x * 17) % 97) - 48) / 4f;
      }
    }
    return v;
  }

  static int positives(float[] values) {
    int n = 0;
    for (float f : values) {
      n += f > 0 ? 1 : 0;
    }
    return n;
  }

  /**
   * Sum of (index + 1) × the float's raw bits, mod 2^64: equal only for equal bits, in practice.
   */
  static long checksum(float[] values) {
    long s = 0;
    for (int i = 0; i < values.length; i++) {
      s += (i + 1L) * Float.floatToRawIntBits(values[i]);
    }
    return s;
  }

  /** Weights PyTorch 1.13 uses for 1024 -> 320 (read back from F.interpolate on 0/1 inputs). */
  @Test
  void weightsAreTorchsForANonDyadicScale() {
    int[] i0 = new int[320];
    int[] i1 = new int[320];
    float[] w0 = new float[320];
    float[] w1 = new float[320];
    Bilinear.taps(1024, 320, i0, i1, w0, w1);
    assertThat(new int[] {i0[0], i0[1], i0[2]}).containsExactly(1, 4, 7);
    assertThat(new float[] {w1[0], w1[1], w1[2], w1[3], w1[4]})
        .containsExactly(
            0.10000002384185791f,
            0.30000007152557373f,
            0.5000001192092896f,
            0.7000001668930054f,
            0.9000002145767212f);
    assertThat(new float[] {w0[0], w0[1], w0[2], w0[3], w0[4]})
        .containsExactly(
            0.8999999761581421f,
            0.6999999284744263f,
            0.49999988079071045f,
            0.29999983310699463f,
            0.09999978542327881f);
  }

  @Test
  void cropWindowThenResizeIsSamsPaddingRemoval() {
    // 4x4 plane whose right/bottom halves are "padding" (99): only the 2x2 window is resampled.
    float[] in = {0, 1, 99, 99, 2, 3, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};
    float[] out = new float[16];
    Bilinear.resizeInto(in, 0, 1, 4, 4, 2, 2, out, 4, 4);
    assertThat(out).containsExactly(Bilinear.resize(new float[] {0, 1, 2, 3}, 1, 2, 2, 4, 4));
  }

  @Test
  void geometryFollowsSamsResizeLongestSide() {
    Geometry g = Geometry.longestSide(240, 320, 1024);
    assertThat(g.resizedHeight()).isEqualTo(768);
    assertThat(g.resizedWidth()).isEqualTo(1024);
    assertThat(g.toInputX(160)).isEqualTo(512.0);
    assertThat(g.toOriginalY(g.toInputY(17))).isCloseTo(17.0, within(1e-9));
    // floor(x + 0.5), not banker's rounding: 333 * (1024 / 666) = 512.0 exactly; 1 * 0.5 + 0.5 -> 1
    assertThat(Geometry.longestSide(1, 2, 1).resizedHeight()).isEqualTo(1);
  }
}
