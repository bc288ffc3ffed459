package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.geometry.BoxXywh;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's generate_crop_boxes on a 1500 (w) × 1000 (h) image with the default ratio 512 / 1500. */
class CropBoxesTest {
  private static final double RATIO = 512 / 1500.0;

  @Test
  void layerZeroIsTheWholeImage() {
    assertThat(CropBoxes.generate(1000, 1500, 0, RATIO))
        .containsExactly(new CropBox(0, 0, 1500, 1000, 0));
  }

  @Test
  void oneLayer() {
    // short side 1000; layer 1: n = 2
    // overlap = int(512/1500 * 1000 * (2/2)) = int(341.33) = 341
    // crop_w = ceil((341 * 1 + 1500) / 2) = ceil(920.5) = 921
    // crop_h = ceil((341 * 1 + 1000) / 2) = ceil(670.5) = 671
    // x0 = (921 - 341) * i = 0, 580; y0 = (671 - 341) * j = 0, 330
    // x1 = min(x0 + 921, 1500) = 921, 1500; y1 = min(y0 + 671, 1000) = 671, 1000
    // order: product(x0s, y0s), x outer
    assertThat(CropBoxes.generate(1000, 1500, 1, RATIO))
        .containsExactly(
            new CropBox(0, 0, 1500, 1000, 0),
            new CropBox(0, 0, 921, 671, 1),
            new CropBox(0, 330, 921, 1000, 1),
            new CropBox(580, 0, 1500, 671, 1),
            new CropBox(580, 330, 1500, 1000, 1));
  }

  @Test
  void twoLayers() {
    // layer 2: n = 4; overlap = int(341.33 * (2/4)) = int(170.67) = 170
    // crop_w = ceil((170 * 3 + 1500) / 4) = ceil(502.5) = 503; step 503 - 170 = 333
    //   x0 = 0, 333, 666, 999; x1 = 503, 836, 1169, min(1502, 1500) = 1500
    // crop_h = ceil((170 * 3 + 1000) / 4) = ceil(377.5) = 378; step 378 - 170 = 208
    //   y0 = 0, 208, 416, 624; y1 = 378, 586, 794, min(1002, 1000) = 1000
    List<CropBox> boxes = CropBoxes.generate(1000, 1500, 2, RATIO);
    assertThat(boxes).hasSize(1 + 4 + 16);
    assertThat(boxes.subList(0, 5)).isEqualTo(CropBoxes.generate(1000, 1500, 1, RATIO));
    int[] x0 = {0, 333, 666, 999};
    int[] x1 = {503, 836, 1169, 1500};
    int[] y0 = {0, 208, 416, 624};
    int[] y1 = {378, 586, 794, 1000};
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(boxes.get(5 + i * 4 + j)).isEqualTo(new CropBox(x0[i], y0[j], x1[i], y1[j], 2));
      }
    }
  }

  @Test
  void portraitUsesTheShortSideToo() {
    // 1000 (w) × 1500 (h): overlap 341, crop_w = 671, crop_h = 921 (the transpose of oneLayer)
    assertThat(CropBoxes.generate(1500, 1000, 1, RATIO).subList(1, 3))
        .containsExactly(new CropBox(0, 0, 671, 921, 1), new CropBox(0, 580, 671, 1500, 1));
  }

  @Test
  void cropBoxAsSamOutput() {
    CropBox crop = new CropBox(580, 330, 1500, 1000, 1);
    assertThat(crop.toXywh()).isEqualTo(new BoxXywh(580, 330, 920, 670));
    assertThat(crop.width()).isEqualTo(920);
    assertThat(crop.height()).isEqualTo(670);
    assertThat(crop.isWholeImage(1500, 1000)).isFalse();
    assertThat(new CropBox(0, 0, 1500, 1000, 0).isWholeImage(1500, 1000)).isTrue();
  }

  @Test
  void smallerCropsScoreHigherAcrossCrops() {
    // 1 / box_area in float32: the whole image scores lowest, the 920 x 670 corner crop highest
    List<CropBox> boxes = CropBoxes.generate(1000, 1500, 1, RATIO);
    assertThat(boxes.get(0).crossCropNmsScore()).isEqualTo((double) (1.0f / 1_500_000f));
    assertThat(boxes.get(4).crossCropNmsScore()) // 920 x 670, the smallest crop
        .isGreaterThan(boxes.get(1).crossCropNmsScore()) // 921 x 671
        .isGreaterThan(boxes.get(0).crossCropNmsScore());
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> CropBoxes.generate(1000, 1500, 1, 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crop overlap ratio must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> CropBoxes.generate(1000, 1500, -1, RATIO))
        .hasMessage("crop layers must be >= 0, got -1");
    assertThatThrownBy(() -> new CropBox(5, 0, 5, 10, 0))
        .hasMessageContaining("needs 0 <= x0 < x1");
  }
}
