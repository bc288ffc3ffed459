package ai.use.model.sam.amg;

import static ai.use.model.sam.amg.TestMasks.draw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import ai.use.model.sam.amg.SmallRegionCleanup.Kept;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's postprocess_small_regions: holes, then islands, then NMS preferring unchanged masks. */
class SmallRegionCleanupTest {

  @Test
  void cleanedDuplicateLosesToTheUnchangedMask() {
    // 0: a 3x3 square with a hole of 1 and a stray pixel -> cleaned into the square (changed)
    // 1: a 3x3 square, nothing small (unchanged) -> same box [0, 0, 2, 2] as the cleaned 0
    // 2: a distant 2x3 block (unchanged)
    BinaryMask holed = draw("###....", "#.#....", "###...#", ".......");
    BinaryMask square = draw("###....", "###....", "###....", ".......");
    BinaryMask block = draw(".......", ".....##", ".....##", ".....##");
    List<Kept> kept = SmallRegionCleanup.apply(List.of(holed, square, block), 2, 0.7);
    // scores 0, 1, 1: NMS visits 1, 2, then 0 which overlaps 1 with IoU 1 > 0.7
    assertThat(kept).extracting(Kept::index).containsExactly(1, 2);
    assertThat(kept.get(0).mask()).isSameAs(square);
    assertThat(kept.get(0).changed()).isFalse();
    assertThat(kept.get(1).box()).isEqualTo(new BoxXyxy(5, 1, 6, 3));
  }

  @Test
  void changedMasksComeAfterUnchangedOnesWithTheirNewBoxes() {
    // 0: a 2x2 block plus a stray pixel (changed; new box [0, 0, 1, 1]); 1: far away, unchanged
    BinaryMask stray = draw("##....", "##....", ".....#");
    BinaryMask other = draw("...##.", "...##.", "......");
    List<Kept> kept = SmallRegionCleanup.apply(List.of(stray, other), 2, 0.7);
    assertThat(kept).extracting(Kept::index).containsExactly(1, 0);
    assertThat(kept.get(1).changed()).isTrue();
    assertThat(kept.get(1).mask()).isEqualTo(draw("##....", "##....", "......"));
    assertThat(kept.get(1).box()).isEqualTo(new BoxXyxy(0, 0, 1, 1));
  }

  @Test
  void noMasksGiveNothing() {
    assertThat(SmallRegionCleanup.apply(List.of(), 10, 0.7)).isEmpty();
    assertThatThrownBy(() -> SmallRegionCleanup.apply(List.of(), 0, 0.7))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min_mask_region_area must be > 0 for the cleanup, got 0.0");
  }
}
