package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import org.junit.jupiter.api.Test;

/** SAM's uncrop_boxes_xyxy / uncrop_points / uncrop_masks. */
class UncropTest {
  private static final CropBox CROP = new CropBox(2, 1, 5, 3, 1); // 3 wide, 2 high

  @Test
  void boxesAndPointsShiftByTheCropCorner() {
    assertThat(Uncrop.boxXyxy(new BoxXyxy(0, 0, 2, 1), CROP)).isEqualTo(new BoxXyxy(2, 1, 4, 2));
    assertThat(Uncrop.point(new double[] {0.75, 1.5}, CROP)).containsExactly(2.75, 2.5);
  }

  @Test
  void maskIsPaddedIntoTheImage() {
    // crop mask (2 x 3):   image (4 x 6), crop at x0=2, y0=1:
    //   1 0 1              0 0 0 0 0 0
    //   0 1 0              0 0 1 0 1 0
    //                      0 0 0 1 0 0
    //                      0 0 0 0 0 0
    BinaryMask crop =
        BinaryMask.ofRowMajor(2, 3, new boolean[] {true, false, true, false, true, false});
    BinaryMask image = Uncrop.mask(crop, CROP, 4, 6);
    BinaryMask expected = new BinaryMask(4, 6);
    expected.set(1, 2, true);
    expected.set(1, 4, true);
    expected.set(2, 3, true);
    assertThat(image).isEqualTo(expected);
  }

  @Test
  void wholeImageCropReturnsTheMaskItself() {
    BinaryMask mask = new BinaryMask(4, 6);
    assertThat(Uncrop.mask(mask, new CropBox(0, 0, 6, 4, 0), 4, 6)).isSameAs(mask);
  }

  @Test
  void rejectsAMaskOfTheWrongSize() {
    assertThatThrownBy(() -> Uncrop.mask(new BinaryMask(3, 3), CROP, 4, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mask of 3x3 (HxW) does not fit crop");
    assertThatThrownBy(() -> Uncrop.mask(new BinaryMask(2, 3), CROP, 2, 6))
        .hasMessageContaining("leaves the image of 2x6 (HxW)");
  }
}
