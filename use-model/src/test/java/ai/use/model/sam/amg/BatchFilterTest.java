package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The end of SAM's _process_batch (box, crop-edge filter, uncrop) on hand-made survivors. */
class BatchFilterTest {

  /** An h x w mask with the rectangle [x0, x1] x [y0, y1] (inclusive) set. */
  private static BinaryMask rect(int h, int w, int x0, int y0, int x1, int y1) {
    BinaryMask m = new BinaryMask(h, w);
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        m.set(y, x, true);
      }
    }
    return m;
  }

  @Test
  void dropsMasksCutByAnInnerCropEdgeAndUncropsTheRest() {
    // image 100 x 100; crop [50, 0, 100, 50] (50 x 50), two prompts with one mask each
    CropBox crop = new CropBox(50, 0, 100, 50, 1);
    // mask 0: crop x 25..35, y 10..20 -> image box [75, 10, 85, 20]; y0 = 10 is near the crop's 0
    // but that is the image's edge too; x1 = 85 is near 100, also an image edge: kept
    // mask 1: crop x 2..12 -> image x0 = 52, 2 from the crop's inner edge x0 = 50: dropped
    DecodedBatch batch =
        new DecodedBatch(
            2,
            1,
            50,
            50,
            List.of(
                new DecodedBatch.Survivor(0, 0.9f, 0.97f, rect(50, 50, 25, 10, 35, 20)),
                new DecodedBatch.Survivor(1, 0.9f, 0.97f, rect(50, 50, 2, 10, 12, 20))));
    List<Candidate> out =
        BatchFilter.apply(batch, new double[][] {{30, 15}, {7, 15}}, crop, 100, 100);
    assertThat(out).hasSize(1);
    Candidate c = out.get(0);
    assertThat(c.box()).isEqualTo(new BoxXyxy(75, 10, 85, 20));
    assertThat(c.pointX()).isEqualTo(80.0);
    assertThat(c.pointY()).isEqualTo(15.0);
    assertThat(c.predictedIou()).isEqualTo(0.9f);
    assertThat(c.stabilityScore()).isEqualTo(0.97f);
    assertThat(c.mask().height()).isEqualTo(100);
    assertThat(c.mask().width()).isEqualTo(100);
    assertThat(c.mask().area()).isEqualTo(11 * 11);
    assertThat(c.mask().get(10, 75)).isTrue();
    assertThat(c.mask().get(10, 25)).isFalse();
    assertThat(BoxXyxy.ofMaskInclusive(c.mask())).isEqualTo(c.box());
    assertThat(c.crop()).isEqualTo(crop);
  }

  @Test
  void survivorsFindTheirPointInPromptMajorOrder() {
    // 2 points x 2 masks: indices 0, 1 belong to point 0 and 2, 3 to point 1; 1 did not survive
    CropBox whole = new CropBox(0, 0, 2, 2, 0);
    BinaryMask full = rect(2, 2, 0, 0, 1, 1);
    DecodedBatch batch =
        new DecodedBatch(
            2,
            2,
            2,
            2,
            List.of(
                new DecodedBatch.Survivor(0, 0.91f, 1f, full),
                new DecodedBatch.Survivor(2, 0.92f, 1f, full),
                new DecodedBatch.Survivor(3, 0.93f, 1f, full)));
    List<Candidate> out =
        BatchFilter.apply(batch, new double[][] {{0.5, 0.5}, {1.5, 1.5}}, whole, 2, 2);
    assertThat(out).extracting(Candidate::pointX).containsExactly(0.5, 1.5, 1.5);
    assertThat(out).extracting(Candidate::predictedIou).containsExactly(0.91f, 0.92f, 0.93f);
    assertThat(out.get(0).box()).isEqualTo(new BoxXyxy(0, 0, 1, 1));
  }

  @Test
  void rejectsABatchThatDoesNotMatchTheCropOrThePoints() {
    DecodedBatch batch = new DecodedBatch(1, 3, 2, 2, List.of());
    assertThatThrownBy(
            () ->
                BatchFilter.apply(batch, new double[][] {{1, 1}}, new CropBox(0, 0, 2, 1, 0), 2, 2))
        .hasMessageContaining("decoded batch of 2x2 (HxW) does not match crop");
    assertThatThrownBy(
            () ->
                BatchFilter.apply(
                    batch, new double[][] {{1, 1}, {0, 0}}, new CropBox(0, 0, 2, 2, 0), 2, 2))
        .hasMessage("decoded batch of 1 prompts does not match 2 points");
  }
}
