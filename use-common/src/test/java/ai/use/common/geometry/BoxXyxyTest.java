package ai.use.common.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxXyxyTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    // case,          a: x0 y0 x1 y1,  b: x0 y0 x1 y1,  intersection, union, iou
    "disjoint,        0, 0, 1, 1,      2, 2, 3, 3,      0,  2,  0",
    "touching edge,   0, 0, 1, 1,      1, 0, 2, 1,      0,  2,  0",
    "touching corner, 0, 0, 1, 1,      1, 1, 2, 2,      0,  2,  0",
    // 2x2 squares offset by one: 1 / (4 + 4 - 1)
    "partial,         0, 0, 2, 2,      1, 1, 3, 3,      1,  7,  0.14285714285714285",
    // [1,1,3,3] inside [0,0,4,4]: 4 / 16
    "contained,       0, 0, 4, 4,      1, 1, 3, 3,      4,  16, 0.25",
    "identical,       1, 2, 5, 7,      1, 2, 5, 7,      20, 20, 1",
    // half of a 10x10 box: 50 / 100
    "half,            0, 0, 10, 10,    0, 0, 10, 5,     50, 100, 0.5",
    // both zero-area: union 0 gives 0 (torchvision: NaN)
    "both zero-area,  1, 1, 1, 1,      1, 1, 1, 1,      0,  0,  0",
    "zero-area line,  0, 1, 2, 1,      0, 0, 2, 2,      0,  4,  0",
    "zero-area point, 1, 1, 1, 1,      0, 0, 2, 2,      0,  4,  0",
  })
  void iouGoldenVectors(
      String name,
      double ax0,
      double ay0,
      double ax1,
      double ay1,
      double bx0,
      double by0,
      double bx1,
      double by1,
      double intersection,
      double union,
      double iou) {
    BoxXyxy a = new BoxXyxy(ax0, ay0, ax1, ay1);
    BoxXyxy b = new BoxXyxy(bx0, by0, bx1, by1);

    assertThat(a.intersectionArea(b)).isEqualTo(intersection).isEqualTo(b.intersectionArea(a));
    assertThat(a.area() + b.area() - intersection).isEqualTo(union);
    assertThat(a.iou(b)).isEqualTo(iou).isEqualTo(b.iou(a));
    assertThat(a.toXywh().iou(b.toXywh())).isEqualTo(iou);
  }

  @Test
  void intersectionBoxIsEmptyOnlyForDisjointBoxes() {
    BoxXyxy a = new BoxXyxy(0, 0, 2, 2);
    assertThat(a.intersection(new BoxXyxy(1, 1, 3, 3))).contains(new BoxXyxy(1, 1, 2, 2));
    assertThat(a.intersection(new BoxXyxy(2, 0, 3, 1))).contains(new BoxXyxy(2, 0, 2, 1));
    assertThat(a.intersection(new BoxXyxy(3, 0, 4, 1))).isEmpty();
    assertThat(a.intersection(new BoxXyxy(0, 2.5, 2, 3))).isEmpty();
  }

  @Test
  void sizesAndConversions() {
    BoxXyxy xyxy = new BoxXyxy(1, 2, 4, 6);
    BoxXywh xywh = new BoxXywh(1, 2, 3, 4);

    assertThat(xyxy.width()).isEqualTo(3);
    assertThat(xyxy.height()).isEqualTo(4);
    assertThat(xyxy.area()).isEqualTo(12);
    assertThat(xywh.area()).isEqualTo(12);
    assertThat(xyxy.toXywh()).isEqualTo(xywh);
    assertThat(xywh.toXyxy()).isEqualTo(xyxy);
    assertThat(xywh.intersectionArea(new BoxXywh(2, 3, 10, 10))).isEqualTo(2 * 3);
  }

  @Test
  void clipClampsToTheImageLikeTorchvision() {
    assertThat(new BoxXyxy(-1, -2, 5, 7).clip(4, 6)).isEqualTo(new BoxXyxy(0, 0, 4, 6));
    assertThat(new BoxXyxy(1, 1, 2, 2).clip(4, 6)).isEqualTo(new BoxXyxy(1, 1, 2, 2));
    // entirely outside: a zero-area box on the border
    assertThat(new BoxXyxy(10, 10, 12, 12).clip(4, 6)).isEqualTo(new BoxXyxy(4, 6, 4, 6));
    assertThat(new BoxXywh(-1, 1, 3, 10).clip(4, 6)).isEqualTo(new BoxXywh(0, 1, 2, 5));
  }

  @Test
  void rejectsInvalidBoxesNamingTheValues() {
    assertThatThrownBy(() -> new BoxXyxy(2, 0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("box [x0, y0, x1, y1] needs x0 <= x1 and y0 <= y1, got [2.0, 0.0, 1.0, 1.0]");
    assertThatThrownBy(() -> new BoxXyxy(0, Double.NaN, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("box [x0, y0, x1, y1] must be finite, got [0.0, NaN, 1.0, 1.0]");
    assertThatThrownBy(() -> new BoxXywh(0, 0, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("box [x, y, w, h] needs w >= 0 and h >= 0, got [0.0, 0.0, -1.0, 1.0]");
    assertThatThrownBy(() -> new BoxXyxy(0, 0, 1, 1).clip(-1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("image size must be non-negative, got width=-1 height=3");
  }
}
