package ai.use.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.use.model.spec.Normalization;
import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

  private static BufferedImage solid(int h, int w, Color c) {
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        image.setRGB(x, y, c.getRGB());
      }
    }
    return image;
  }

  @Test
  void normalizesInTheSidecarsPixelRangeAndPadsWithZerosAfterwards() {
    // 2 rows x 4 columns of pure red -> longest side 8: content 4 x 8, rows 4..7 are padding.
    ImageTensor clip =
        new ImagePreprocessor(8, "pad", Normalization.CLIP).apply(solid(2, 4, Color.RED));
    assertThat(clip.geometry().resizedHeight()).isEqualTo(4);
    float[] v = clip.chw();
    assertThat(v[0]).isCloseTo((1f - 0.48145466f) / 0.26862954f, within(1e-5f)); // R at (0,0)
    assertThat(v[64]).isCloseTo((0f - 0.4578275f) / 0.26130258f, within(1e-5f)); // G at (0,0)
    assertThat(v[4 * 8]).isZero(); // R at (4,0): padding

    ImageTensor sam =
        new ImagePreprocessor(8, "pad", Normalization.SAM).apply(solid(2, 4, Color.RED));
    assertThat(sam.chw()[0]).isCloseTo((255f - 123.675f) / 58.395f, within(1e-4f));
    assertThat(sam.chw()[128]).isCloseTo((0f - 103.53f) / 57.375f, within(1e-4f)); // B at (0,0)
  }

  @Test
  void resizeModeStretchesToTheSquare() {
    ImageTensor t =
        new ImagePreprocessor(6, "resize", Normalization.CLIP).apply(solid(2, 4, Color.BLUE));
    assertThat(t.geometry().resizedHeight()).isEqualTo(6);
    assertThat(t.geometry().resizedWidth()).isEqualTo(6);
    assertThat(t.chw()[2 * 36 + 35]).isCloseTo((1f - 0.40821073f) / 0.27577711f, within(1e-5f));
  }
}
