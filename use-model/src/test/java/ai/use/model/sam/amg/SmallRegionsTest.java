package ai.use.model.sam.amg;

import static ai.use.model.sam.amg.TestMasks.draw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.BinaryMask;
import ai.use.model.sam.amg.SmallRegions.Mode;
import ai.use.model.sam.amg.SmallRegions.Result;
import org.junit.jupiter.api.Test;

/** SAM's remove_small_regions on hand-drawn masks; '#' is set, '.' is unset. */
class SmallRegionsTest {

  @Test
  void removesASmallIsland() {
    BinaryMask mask = draw("##...", "##...", ".....", ".....", "....#");
    Result r = SmallRegions.remove(mask, 2, Mode.ISLANDS);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask()).isEqualTo(draw("##...", "##...", ".....", ".....", "....."));
    assertThat(mask)
        .as("input untouched")
        .isEqualTo(draw("##...", "##...", ".....", ".....", "....#"));
  }

  @Test
  void diagonalPixelsAreOneIsland() {
    // 8-connected: the diagonal is one island of 3 (>= 2, kept); the lone pixel is removed.
    // With 4-connectivity all four would be islands of 1.
    BinaryMask mask = draw("#...#", ".#...", "..#..");
    Result r = SmallRegions.remove(mask, 2, Mode.ISLANDS);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask()).isEqualTo(draw("#....", ".#...", "..#.."));
  }

  @Test
  void keepsTheLargestWhenEveryIslandIsSmall() {
    BinaryMask mask = draw("#....", ".....", "...##");
    Result r = SmallRegions.remove(mask, 5, Mode.ISLANDS);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask()).isEqualTo(draw(".....", ".....", "...##"));
  }

  @Test
  void tieForTheLargestGoesToTheFirstTwoByTwoBlock() {
    // Two islands of 1. In row-major order (0,3) comes first, but OpenCV's block labeling scans
    // 2x2 blocks: (y=1, x=0) lies in block (0, 0), (y=0, x=3) in block (0, 1), so (1, 0) is label
    // 1.
    BinaryMask mask = draw("...#", "#...");
    Result r = SmallRegions.remove(mask, 5, Mode.ISLANDS);
    assertThat(r.mask()).isEqualTo(draw("....", "#..."));
  }

  @Test
  void noSmallIslandLeavesTheMaskAlone() {
    BinaryMask mask = draw("##..", "##..");
    Result r = SmallRegions.remove(mask, 4, Mode.ISLANDS);
    assertThat(r.changed()).isFalse();
    assertThat(r.mask()).isSameAs(mask);
    BinaryMask empty = new BinaryMask(3, 3);
    assertThat(SmallRegions.remove(empty, 10, Mode.ISLANDS).changed()).isFalse();
  }

  @Test
  void fillsASmallHole() {
    BinaryMask mask = draw("#####", "#####", "##.##", "#####", "#####");
    Result r = SmallRegions.remove(mask, 2, Mode.HOLES);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask()).isEqualTo(draw("#####", "#####", "#####", "#####", "#####"));
    // area 1 is not < 1: nothing is small
    assertThat(SmallRegions.remove(mask, 1, Mode.HOLES)).isEqualTo(new Result(mask, false));
  }

  @Test
  void diagonalHolePixelsAreOneHole() {
    // The three unset pixels touch diagonally: one hole of 3. Not < 3, so it stays; < 4 fills it.
    // With 4-connectivity they would be three holes of 1 and be filled at threshold 3.
    BinaryMask mask = draw("#####", "#.###", "##.##", "###.#", "#####");
    assertThat(SmallRegions.remove(mask, 3, Mode.HOLES).changed()).isFalse();
    Result r = SmallRegions.remove(mask, 4, Mode.HOLES);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask().area()).isEqualTo(25);
  }

  @Test
  void holesKeepTheLargeOnesAndFillOnlySmallOnes() {
    // a hole of 1 (left) and a hole of 4 (right); threshold 2 fills only the small one
    BinaryMask mask = draw("########", "#.##..##", "####..##", "########");
    Result r = SmallRegions.remove(mask, 2, Mode.HOLES);
    assertThat(r.mask()).isEqualTo(draw("########", "####..##", "####..##", "########"));
  }

  @Test
  void aSmallOuterBackgroundIsFilledToo() {
    // SAM counts every component of the unset pixels, so a small background corner is a "hole"
    BinaryMask mask = draw(".##", "###", "###");
    Result r = SmallRegions.remove(mask, 2, Mode.HOLES);
    assertThat(r.changed()).isTrue();
    assertThat(r.mask()).isEqualTo(draw("###", "###", "###"));
  }

  @Test
  void componentsAreLabeledInBlockOrder() {
    SmallRegions.Components c =
        SmallRegions.Components.label(
            new boolean[] {false, false, false, true, true, false, false, false}, 2, 4);
    assertThat(c.count).isEqualTo(2);
    assertThat(c.labels).containsExactly(0, 0, 0, 2, 1, 0, 0, 0);
    assertThat(c.sizes).containsExactly(6L, 1L, 1L);
  }

  @Test
  void rejectsANanThreshold() {
    assertThatThrownBy(() -> SmallRegions.remove(new BinaryMask(1, 1), Double.NaN, Mode.HOLES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("area threshold must not be NaN, got NaN");
  }
}
