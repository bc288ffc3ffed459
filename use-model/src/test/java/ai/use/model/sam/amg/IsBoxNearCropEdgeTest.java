package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.geometry.BoxXyxy;
import org.junit.jupiter.api.Test;

/** SAM's is_box_near_crop_edge on a 1500 × 1000 image, atol 20, boxes in crop coordinates. */
class IsBoxNearCropEdgeTest {
  private static final CropBox TOP_LEFT = new CropBox(0, 0, 921, 671, 1);
  private static final CropBox BOTTOM_RIGHT = new CropBox(580, 330, 1500, 1000, 1);

  @Test
  void nearAnInnerCropEdgeIsDropped() {
    // x1 = 915 is 6 from the crop's x1 = 921 and far from the image's 1500
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(100, 100, 915, 300), TOP_LEFT, 1500, 1000))
        .isTrue();
    // uncropped [580, 330, 680, 430]: x0 and y0 sit on the crop's inner corner
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(0, 0, 100, 100), BOTTOM_RIGHT, 1500, 1000))
        .isTrue();
  }

  @Test
  void nearAnEdgeSharedWithTheImageIsKept() {
    // x0 = 5 is near the crop's 0, but that is also the image's edge
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(5, 100, 200, 300), TOP_LEFT, 1500, 1000))
        .isFalse();
    // uncropped [1180, 830, 1500, 1000]: on the image's right and bottom edges
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(600, 500, 920, 670), BOTTOM_RIGHT, 1500, 1000))
        .isFalse();
    // the whole-image crop never drops anything
    assertThat(
            IsBoxNearCropEdge.test(
                new BoxXyxy(0, 0, 1500, 1000), new CropBox(0, 0, 1500, 1000, 0), 1500, 1000))
        .isFalse();
  }

  @Test
  void toleranceIsInclusive() {
    // |901 - 921| = 20 <= 20 is close; |900 - 921| = 21 is not
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(100, 100, 901, 300), TOP_LEFT, 1500, 1000))
        .isTrue();
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(100, 100, 900, 300), TOP_LEFT, 1500, 1000))
        .isFalse();
    assertThat(IsBoxNearCropEdge.test(new BoxXyxy(100, 100, 900, 300), TOP_LEFT, 1500, 1000, 21))
        .isTrue();
  }
}
