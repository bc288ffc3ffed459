package ai.use.model.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemanticMapTest {
  private static BinaryMask rect(int h, int w, int y0, int x0, int y1, int x1) {
    BinaryMask m = new BinaryMask(h, w);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        m.set(y, x, true);
      }
    }
    return m;
  }

  @Test
  void eachPixelTakesTheClassWithTheHighestSummedProbabilityAndUncoveredPixelsAreIgnore() {
    // 2 x 6 image; segment A covers columns 0-3, B columns 2-4, C columns 3-4; column 5 uncovered.
    BinaryMask a = rect(2, 6, 0, 0, 2, 4);
    BinaryMask b = rect(2, 6, 0, 2, 2, 5);
    BinaryMask c = rect(2, 6, 0, 3, 2, 5);
    double[] pa = {0.6, 0.4, 0.0};
    double[] pb = {0.0, 0.5, 0.5};
    double[] pc = {0.0, 0.2, 0.8};
    SemanticMap map = SemanticMap.paint(2, 6, List.of(a, b, c), List.of(pa, pb, pc));
    // col 0,1: A only -> class 1; col 2: A+B = (0.6, 0.9, 0.5) -> 2; col 3: A+B+C = (0.6, 1.1,
    // 1.3) -> 3; col 4: B+C = (0, 0.7, 1.3) -> 3; col 5: ignore.
    for (int y = 0; y < 2; y++) {
      assertThat(
              new int[] {
                map.get(y, 0),
                map.get(y, 1),
                map.get(y, 2),
                map.get(y, 3),
                map.get(y, 4),
                map.get(y, 5)
              })
          .containsExactly(1, 1, 2, 3, 3, SemanticMap.IGNORE);
    }
    assertThat(map.sixteenBit()).isFalse();
  }

  @Test
  void noSegmentsGiveAnAllIgnoreMap() {
    SemanticMap map = SemanticMap.paint(3, 4, List.of(), List.of());
    assertThat(map.labels()).containsOnly(SemanticMap.IGNORE);
  }

  @Test
  void pngsAre8BitUpTo255ClassesAnd16BitAboveAndRoundTrip() throws Exception {
    int[] labels = {0, 1, 255, 7, 3, 0};
    SemanticMap small = new SemanticMap(2, 3, 255, labels);
    byte[] png8 = LabelPng.encode(small);
    var image8 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png8));
    assertThat(image8.getColorModel().getPixelSize()).isEqualTo(8);
    assertThat(LabelPng.decode(png8)).containsExactly(labels);

    int[] big = {0, 300, 65535, 256, 1, 0};
    SemanticMap wide = new SemanticMap(2, 3, 847, big);
    byte[] png16 = LabelPng.encode(wide);
    var image16 = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png16));
    assertThat(image16.getColorModel().getPixelSize()).isEqualTo(16);
    assertThat(LabelPng.decode(png16)).containsExactly(big);
  }
}
