package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's box NMS within a crop (by predicted IoU) and across crops (smaller crops win). */
class CandidateNmsTest {
  private static final CropBox WHOLE = new CropBox(0, 0, 100, 100, 0);
  private static final CropBox QUARTER = new CropBox(0, 0, 50, 50, 1);

  private static Candidate candidate(BoxXyxy box, float iou, CropBox crop) {
    return new Candidate(new BinaryMask(1, 1), box, iou, 1f, 0, 0, crop);
  }

  @Test
  void withinCropKeepsTheHigherPredictedIou() {
    // c0 [0,0,10,10] and c1 [0,0,10,9]: IoU 90 / 100 = 0.9 > 0.7, c1 scores higher
    Candidate c0 = candidate(new BoxXyxy(0, 0, 10, 10), 0.90f, WHOLE);
    Candidate c1 = candidate(new BoxXyxy(0, 0, 10, 9), 0.95f, WHOLE);
    Candidate c2 = candidate(new BoxXyxy(20, 20, 30, 30), 0.90f, WHOLE);
    assertThat(CandidateNms.withinCrop(List.of(c0, c1, c2), 0.7)).containsExactly(c1, c2);
  }

  @Test
  void equalScoresKeepInputOrder() {
    Candidate c0 = candidate(new BoxXyxy(40, 40, 50, 50), 0.9f, WHOLE);
    Candidate c1 = candidate(new BoxXyxy(0, 0, 10, 10), 0.9f, WHOLE);
    Candidate c2 = candidate(new BoxXyxy(0, 0, 10, 10), 0.9f, WHOLE);
    // c1 and c2 are identical (IoU 1): the earlier one survives
    assertThat(CandidateNms.withinCrop(List.of(c0, c1, c2), 0.7)).containsExactly(c0, c1);
  }

  @Test
  void acrossCropsPrefersTheSmallerCrop() {
    // IoU of [0,0,40,40] and [0,0,40,39] = 1560 / 1600 = 0.975 > 0.7
    Candidate big = candidate(new BoxXyxy(0, 0, 40, 40), 0.99f, WHOLE);
    Candidate small = candidate(new BoxXyxy(0, 0, 40, 39), 0.90f, QUARTER);
    assertThat(CandidateNms.acrossCrops(List.of(big, small), 5, 0.7)).containsExactly(small);
    // a single crop box: no NMS across crops at all
    assertThat(CandidateNms.acrossCrops(List.of(big, small), 1, 0.7)).containsExactly(big, small);
  }
}
