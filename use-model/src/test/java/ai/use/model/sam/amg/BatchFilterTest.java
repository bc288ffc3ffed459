package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.geometry.BoxXyxy;
import ai.use.common.mask.BinaryMask;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The post-decoder part of SAM's _process_batch on hand-made logits. */
class BatchFilterTest {
  private static final AmgOptions SAM = AmgOptions.defaults();

  /** Logits of {@code k} masks of h x w, all -5. */
  private static float[] background(int k, int h, int w) {
    float[] logits = new float[k * h * w];
    Arrays.fill(logits, -5f);
    return logits;
  }

  /** Sets the rectangle [x0, x1] x [y0, y1] (inclusive) of mask {@code i} to {@code value}. */
  private static void fill(
      float[] logits, int i, int h, int w, int x0, int y0, int x1, int y1, float value) {
    for (int y = y0; y <= y1; y++) {
      for (int x = x0; x <= x1; x++) {
        logits[i * h * w + y * w + x] = value;
      }
    }
  }

  @Test
  void filtersByPredictedIouThenStability() {
    CropBox whole = new CropBox(0, 0, 4, 4, 0);
    float[] logits = background(3, 4, 4);
    // mask 0: a 2x2 block at +5 -> stability 4 / 4 = 1.0, iou 0.95: kept
    fill(logits, 0, 4, 4, 0, 0, 1, 1, 5f);
    // mask 1: same block, iou exactly 0.88: 0.88f > 0.88f is false, dropped
    fill(logits, 1, 4, 4, 0, 0, 1, 1, 5f);
    // mask 2: 2x2 block at +0.5 plus one pixel at +5 -> stability count(>1) / count(>-1) = 1 / 5
    fill(logits, 2, 4, 4, 2, 2, 3, 3, 0.5f);
    fill(logits, 2, 4, 4, 0, 0, 0, 0, 5f);
    List<Candidate> out =
        BatchFilter.apply(
            logits,
            new float[] {0.95f, 0.88f, 0.99f},
            new double[][] {{1.5, 2.5}},
            whole,
            4,
            4,
            SAM);
    assertThat(out).hasSize(1);
    Candidate c = out.get(0);
    assertThat(c.predictedIou()).isEqualTo(0.95f);
    assertThat(c.stabilityScore()).isEqualTo(1.0f);
    assertThat(c.box()).isEqualTo(new BoxXyxy(0, 0, 1, 1));
    assertThat(c.mask().area()).isEqualTo(4);
    assertThat(c.pointX()).isEqualTo(1.5);
    assertThat(c.pointY()).isEqualTo(2.5);
  }

  @Test
  void zeroThresholdsTurnTheFiltersOff() {
    CropBox whole = new CropBox(0, 0, 4, 4, 0);
    float[] logits = background(1, 4, 4);
    fill(logits, 0, 4, 4, 2, 2, 3, 3, 0.5f); // stability 0 / 4 = 0
    AmgOptions off = AmgOptions.builder().optPredIouThresh(0).optStabilityScoreThresh(0).build();
    List<Candidate> out =
        BatchFilter.apply(logits, new float[] {0.1f}, new double[][] {{0, 0}}, whole, 4, 4, off);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).stabilityScore()).isZero();
    assertThat(out.get(0).box()).isEqualTo(new BoxXyxy(2, 2, 3, 3));
  }

  @Test
  void dropsMasksCutByAnInnerCropEdgeAndUncropsTheRest() {
    // image 100 x 100; crop [50, 0, 100, 50] (50 x 50), two prompts with one mask each
    CropBox crop = new CropBox(50, 0, 100, 50, 1);
    float[] logits = background(2, 50, 50);
    // mask 0: crop x 25..35, y 10..20 -> image box [75, 10, 85, 20]; y0 = 10 is near the crop's 0
    // but that is the image's edge too; x1 = 85 is near 100, also an image edge: kept
    fill(logits, 0, 50, 50, 25, 10, 35, 20, 5f);
    // mask 1: crop x 2..12 -> image x0 = 52, 2 from the crop's inner edge x0 = 50: dropped
    fill(logits, 1, 50, 50, 2, 10, 12, 20, 5f);
    List<Candidate> out =
        BatchFilter.apply(
            logits,
            new float[] {0.9f, 0.9f},
            new double[][] {{30, 15}, {7, 15}},
            crop,
            100,
            100,
            SAM);
    assertThat(out).hasSize(1);
    Candidate c = out.get(0);
    assertThat(c.box()).isEqualTo(new BoxXyxy(75, 10, 85, 20));
    assertThat(c.pointX()).isEqualTo(80.0);
    assertThat(c.pointY()).isEqualTo(15.0);
    assertThat(c.mask().height()).isEqualTo(100);
    assertThat(c.mask().width()).isEqualTo(100);
    assertThat(c.mask().area()).isEqualTo(11 * 11);
    assertThat(c.mask().get(10, 75)).isTrue();
    assertThat(c.mask().get(10, 25)).isFalse();
    assertThat(BoxXyxy.ofMaskInclusive(c.mask())).isEqualTo(c.box());
    assertThat(c.crop()).isEqualTo(crop);
  }

  @Test
  void masksPerPointFollowPromptMajorOrder() {
    // 2 points x 2 masks: masks 0, 1 belong to point 0 and masks 2, 3 to point 1
    CropBox whole = new CropBox(0, 0, 2, 2, 0);
    float[] logits = new float[4 * 4];
    Arrays.fill(logits, 5f);
    List<Candidate> out =
        BatchFilter.apply(
            logits,
            new float[] {0.9f, 0.9f, 0.9f, 0.9f},
            new double[][] {{0.5, 0.5}, {1.5, 1.5}},
            whole,
            2,
            2,
            SAM);
    assertThat(out).extracting(Candidate::pointX).containsExactly(0.5, 0.5, 1.5, 1.5);
    assertThat(out.get(0).mask())
        .isEqualTo(BinaryMask.ofRowMajor(2, 2, new boolean[] {true, true, true, true}));
  }

  @Test
  void acceptsADecodedBatchOfTheCropSize() {
    float[] logits = new float[3 * 4];
    java.util.Arrays.fill(logits, 5f);
    DecodedBatch batch = new DecodedBatch(logits, new float[] {0.9f, 0.95f, 0.5f}, 3, 2, 2);
    CropBox whole = new CropBox(0, 0, 2, 2, 0);
    assertThat(BatchFilter.apply(batch, new double[][] {{1, 1}}, whole, 2, 2, SAM))
        .extracting(Candidate::predictedIou)
        .containsExactly(0.9f, 0.95f);
    assertThatThrownBy(
            () ->
                BatchFilter.apply(
                    batch, new double[][] {{1, 1}}, new CropBox(0, 0, 2, 1, 0), 2, 2, SAM))
        .hasMessageContaining("decoded batch of 2x2 (HxW) does not match crop");
  }

  @Test
  void rejectsLogitsOfTheWrongSize() {
    assertThatThrownBy(
            () ->
                BatchFilter.apply(
                    new float[15],
                    new float[] {0.9f},
                    new double[][] {{0, 0}},
                    new CropBox(0, 0, 4, 4, 0),
                    4,
                    4,
                    SAM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("logits of length 15 do not hold 1 masks of 4x4 (HxW)");
  }
}
