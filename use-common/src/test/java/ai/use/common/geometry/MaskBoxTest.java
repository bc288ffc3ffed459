package ai.use.common.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Boxes of masks: SAM's inclusive {@code batched_mask_to_box} and the COCO bbox. */
class MaskBoxTest {

  @Test
  void twoPixels() {
    BinaryMask mask =
        Masks.draw(
            ".....", //
            ".#...", "...#.", ".....");
    // xmin 1, ymin 1, xmax 3, ymax 2 (inclusive); COCO w = 3 - 1 + 1, h = 2 - 1 + 1
    assertThat(BoxXyxy.ofMaskInclusive(mask)).isEqualTo(new BoxXyxy(1, 1, 3, 2));
    assertThat(BoxXywh.ofMask(mask)).isEqualTo(new BoxXywh(1, 1, 3, 2));
    // SAM's own "bbox" output, box_xyxy_to_xywh(batched_mask_to_box(m)), is one pixel smaller
    assertThat(BoxXyxy.ofMaskInclusive(mask).toXywh()).isEqualTo(new BoxXywh(1, 1, 2, 1));
  }

  @Test
  void onePixelHasAZeroAreaInclusiveBoxAndAOneByOneCocoBox() {
    BinaryMask mask =
        Masks.draw(
            ".....", //
            ".....", "....#");
    assertThat(BoxXyxy.ofMaskInclusive(mask)).isEqualTo(new BoxXyxy(4, 2, 4, 2));
    assertThat(BoxXyxy.ofMaskInclusive(mask).area()).isZero();
    assertThat(BoxXywh.ofMask(mask)).isEqualTo(new BoxXywh(4, 2, 1, 1));
  }

  @Test
  void fullMask() {
    BinaryMask mask = Masks.draw("###", "###", "###");
    assertThat(BoxXyxy.ofMaskInclusive(mask)).isEqualTo(new BoxXyxy(0, 0, 2, 2));
    assertThat(BoxXywh.ofMask(mask)).isEqualTo(new BoxXywh(0, 0, 3, 3));
  }

  @Test
  void emptyMaskGivesAllZero() {
    BinaryMask mask = new BinaryMask(3, 4);
    assertThat(BoxXyxy.ofMaskInclusive(mask)).isEqualTo(BoxXyxy.EMPTY);
    assertThat(BoxXyxy.EMPTY).isEqualTo(new BoxXyxy(0, 0, 0, 0));
    assertThat(BoxXywh.ofMask(mask)).isEqualTo(new BoxXywh(0, 0, 0, 0));
    assertThat(BoxXywh.ofRle(CocoRle.encode(mask))).isEqualTo(new BoxXywh(0, 0, 0, 0));
    assertThat(BoxXyxy.ofMaskInclusive(new BinaryMask(0, 0))).isEqualTo(BoxXyxy.EMPTY);
  }

  @Test
  void runWrappingIntoTheNextColumnSpansTheFullHeight() {
    // column-major: the bottom of column 0 and the top of column 1 are one run
    BinaryMask mask =
        Masks.draw(
            ".#", //
            "..", "..", "#.");
    assertThat(BoxXywh.ofMask(mask)).isEqualTo(new BoxXywh(0, 0, 2, 4));
    assertThat(BoxXywh.ofRle(CocoRle.encode(mask))).isEqualTo(new BoxXywh(0, 0, 2, 4));
  }

  @Test
  void cocoBoxOfMaskEqualsCocoBoxOfItsRle() {
    Random random = new Random(7);
    for (int n = 0; n < 300; n++) {
      int h = 1 + random.nextInt(9);
      int w = 1 + random.nextInt(9);
      double density = random.nextDouble() * 0.3;
      BinaryMask mask = new BinaryMask(h, w);
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          mask.set(y, x, random.nextDouble() < density);
        }
      }
      assertThat(BoxXywh.ofMask(mask))
          .as("%s", mask)
          .isEqualTo(BoxXywh.ofRle(CocoRle.encode(mask)));
    }
  }
}
