package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's build_point_grid: offset 1/(2n), linspace(offset, 1 - offset, n), x varying fastest. */
class PointGridsTest {

  @Test
  void oneByOneIsTheCentre() {
    // n=1: offset 1/2, linspace(0.5, 0.5, 1) = [0.5]
    assertThat(PointGrids.buildPointGrid(1)).isDeepEqualTo(new double[][] {{0.5, 0.5}});
  }

  @Test
  void twoByTwoIsQuarters() {
    // n=2: offset 1/4, linspace(0.25, 0.75, 2) = [0.25, 0.75]; rows [x, y], x fastest
    assertThat(PointGrids.buildPointGrid(2))
        .isDeepEqualTo(new double[][] {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}});
  }

  @Test
  void fourByFourIsEighths() {
    // n=4: offset 1/8, step (0.875 - 0.125) / 3 = 0.25 -> [0.125, 0.375, 0.625, 0.875]
    double[][] grid = PointGrids.buildPointGrid(4);
    double[] side = {0.125, 0.375, 0.625, 0.875};
    assertThat(grid).hasNumberOfRows(16);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        assertThat(grid[y * 4 + x]).containsExactly(side[x], side[y]);
      }
    }
  }

  @Test
  void linspaceEndsExactlyAtOneMinusOffset() {
    // n=3: offset 1/6, last = 1 - 1/6 exactly as numpy sets y[-1] = stop
    double[][] grid = PointGrids.buildPointGrid(3);
    assertThat(grid[8]).containsExactly(1 - 1.0 / 6, 1 - 1.0 / 6);
    assertThat(grid[1][0]).isEqualTo(0.5);
  }

  @Test
  void layerGridsDivideThePointsPerSide() {
    // int(4 / 2^i) for i = 0, 1, 2 -> 4, 2, 1
    List<double[][]> grids = PointGrids.buildAllLayerPointGrids(4, 2, 2);
    assertThat(grids).extracting(g -> g.length).containsExactly(16, 4, 1);
    // int(32 / 3) = 10, int(32 / 9) = 3
    assertThat(PointGrids.buildAllLayerPointGrids(32, 2, 3))
        .extracting(g -> g.length)
        .containsExactly(1024, 100, 9);
  }

  @Test
  void scaleMultipliesByCropSize() {
    assertThat(PointGrids.scale(PointGrids.buildPointGrid(2), 100, 40))
        .isDeepEqualTo(new double[][] {{25, 10}, {75, 10}, {25, 30}, {75, 30}});
  }

  @Test
  void rejectsLayersWithoutPoints() {
    assertThatThrownBy(() -> PointGrids.buildAllLayerPointGrids(2, 1, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leaves no point on crop layer 1");
    assertThatThrownBy(() -> PointGrids.buildPointGrid(0))
        .hasMessageContaining("points per side must be >= 1, got 0");
  }
}
