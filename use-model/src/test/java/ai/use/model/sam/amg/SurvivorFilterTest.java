package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.use.common.mask.BinaryMask;
import ai.use.model.image.Geometry;
import ai.use.model.sam.SamDecoding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SAM's per-batch filters inside libtorch on hand-made logits. */
class SurvivorFilterTest {
  private static final AmgOptions SAM = AmgOptions.defaults();
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

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

  private static DecodedBatch upscaled(
      float[] logits, float[] iou, int k, int h, int w, AmgOptions o) {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.create(logits, new Shape(iou.length, h, w));
      return SurvivorFilter.applyUpscaled(x, iou, k, o);
    }
  }

  @Test
  void filtersByPredictedIouThenStability() {
    float[] logits = background(3, 4, 4);
    // mask 0: a 2x2 block at +5 -> stability 4 / 4 = 1.0, iou 0.95: kept
    fill(logits, 0, 4, 4, 0, 0, 1, 1, 5f);
    // mask 1: same block, iou exactly 0.88: 0.88f > 0.88f is false, dropped
    fill(logits, 1, 4, 4, 0, 0, 1, 1, 5f);
    // mask 2: 2x2 block at +0.5 plus one pixel at +5 -> stability count(>1) / count(>-1) = 1 / 5
    fill(logits, 2, 4, 4, 2, 2, 3, 3, 0.5f);
    fill(logits, 2, 4, 4, 0, 0, 0, 0, 5f);
    DecodedBatch out = upscaled(logits, new float[] {0.95f, 0.88f, 0.99f}, 3, 4, 4, SAM);
    assertThat(out.prompts()).isEqualTo(1);
    assertThat(out.survivors()).hasSize(1);
    DecodedBatch.Survivor s = out.survivors().get(0);
    assertThat(s.index()).isZero();
    assertThat(s.predictedIou()).isEqualTo(0.95f);
    assertThat(s.stabilityScore()).isEqualTo(1.0f);
    BinaryMask want = new BinaryMask(4, 4);
    want.set(0, 0, true);
    want.set(0, 1, true);
    want.set(1, 0, true);
    want.set(1, 1, true);
    assertThat(s.mask()).isEqualTo(want);
  }

  @Test
  void zeroThresholdsTurnTheFiltersOffAndStabilityIsCountedOnTheLogits() {
    float[] logits = background(2, 4, 4);
    fill(logits, 0, 4, 4, 2, 2, 3, 3, 0.5f); // stability 0 / 4 = 0, mask area 4
    fill(logits, 1, 4, 4, 0, 0, 3, 0, 1.5f); // 4 pixels > 1 ...
    fill(logits, 1, 4, 4, 0, 1, 3, 1, 0f); // ... and 4 more > -1: 4 / 8 = 0.5, mask area 4
    AmgOptions off = AmgOptions.builder().optPredIouThresh(0).optStabilityScoreThresh(0).build();
    DecodedBatch out = upscaled(logits, new float[] {0.1f, 0f}, 1, 4, 4, off);
    assertThat(out.survivors()).extracting(DecodedBatch.Survivor::index).containsExactly(0, 1);
    assertThat(out.survivors())
        .extracting(DecodedBatch.Survivor::stabilityScore)
        .containsExactly(0f, 0.5f);
    assertThat(out.survivors().get(0).mask().area()).isEqualTo(4);
    assertThat(out.survivors().get(1).mask().area()).isEqualTo(4);
    assertThat(out.survivors().get(1).mask().get(0, 3)).isTrue();
    assertThat(out.survivors().get(1).mask().get(1, 0)).isFalse();
  }

  @Test
  void passingIouIsStrictInFloatAndOffAtZero() {
    float[] iou = {0.5f, 0.88f, 0.880001f, 0.2f};
    assertThat(SurvivorFilter.passingIou(iou, 0.88)).containsExactly(2);
    assertThat(SurvivorFilter.passingIou(iou, 0)).containsExactly(0, 1, 2, 3);
  }

  @Test
  void chunksNeverExceedTheBound() {
    assertThat(SurvivorFilter.chunks(new int[] {0, 2, 3, 5, 6}, 2))
        .containsExactly(new long[] {0, 2}, new long[] {3, 5}, new long[] {6});
    assertThat(SurvivorFilter.chunks(new int[0], 4)).isEmpty();
  }

  @Test
  void onlyIouSurvivorsAreUpscaledAtMostChunkAtATimeAndOnlySurvivorsReturn() {
    // 7 masks of 3 x 3; mask i has i + 1 pixels at +5 (row-major), the rest at -5: stability 1
    int n = 7;
    float[] logits = background(n, 3, 3);
    for (int i = 0; i < n; i++) {
      Arrays.fill(logits, i * 9, i * 9 + i + 1, 5f);
    }
    // masks 1 and 4 fail the IoU filter; mask 6 fails stability (one pixel at +0.5 too)
    logits[6 * 9 + 8] = 0.5f;
    float[] iou = {0.9f, 0.1f, 0.9f, 0.9f, 0.1f, 0.9f, 0.9f};
    AmgOptions options = AmgOptions.builder().optUpscaleChunk(2).build();
    List<long[]> calls = new ArrayList<>();
    List<NDArray> upscaledChunks = new ArrayList<>();
    try (NDManager m = manager.newSubManager()) {
      NDArray all = m.create(logits, new Shape(n, 3, 3));
      SurvivorFilter.Upscaler recording =
          (rows, chunk) -> {
            calls.add(rows);
            NDArray x = all.get(new NDIndex("{}", chunk.create(rows)));
            x.attach(chunk);
            upscaledChunks.add(x);
            return x;
          };
      DecodedBatch out = SurvivorFilter.filter(iou, n, 1, 3, 3, options, recording, m);
      assertThat(calls).containsExactly(new long[] {0, 2}, new long[] {3, 5}, new long[] {6});
      assertThat(out.survivors())
          .extracting(DecodedBatch.Survivor::index)
          .containsExactly(0, 2, 3, 5);
      for (DecodedBatch.Survivor s : out.survivors()) {
        assertThat(s.mask().area()).as("mask %s", s.index()).isEqualTo(s.index() + 1L);
        assertThat(s.stabilityScore()).isEqualTo(1f);
      }
      // each chunk's native memory is released once its survivors are copied
      assertThat(upscaledChunks).hasSize(3).allSatisfy(x -> assertThat(x.isReleased()).isTrue());
      assertThat(all.isReleased()).isFalse();
    }
  }

  @Test
  void picksTheMultimaskOrSingleMaskOutputsOfTheDecoder() {
    // 2 prompts x 4 masks of 2 x 2 with an identity geometry (frame 2, content 2 x 2): mask m of
    // prompt p has (m + 1) pixels at +5; IoU = 0.9 + m / 100
    float[] logits = background(8, 2, 2);
    float[] iou = new float[8];
    for (int p = 0; p < 2; p++) {
      for (int m = 0; m < 4; m++) {
        Arrays.fill(logits, (p * 4 + m) * 4, (p * 4 + m) * 4 + m + 1, 5f);
        iou[p * 4 + m] = 0.9f + m / 100f;
      }
    }
    try (NDManager m = manager.newSubManager()) {
      SamDecoding out =
          new SamDecoding(
              m.create(logits, new Shape(2, 4, 2, 2)), iou, 4, new Geometry(2, 2, 2, 2, 2));
      DecodedBatch multi = SurvivorFilter.apply(out, SAM);
      assertThat(multi.masksPerPoint()).isEqualTo(3);
      assertThat(multi.survivors())
          .extracting(DecodedBatch.Survivor::index)
          .containsExactly(0, 1, 2, 3, 4, 5);
      assertThat(multi.survivors())
          .extracting(s -> s.mask().area())
          .containsExactly(2L, 3L, 4L, 2L, 3L, 4L);
      assertThat(multi.survivors().get(4).predictedIou()).isEqualTo(0.9f + 2 / 100f);
      DecodedBatch single =
          SurvivorFilter.apply(out, AmgOptions.builder().optMultimaskOutput(false).build());
      assertThat(single.masksPerPoint()).isEqualTo(1);
      assertThat(single.survivors()).extracting(s -> s.mask().area()).containsExactly(1L, 1L);
      assertThat(single.survivors())
          .extracting(DecodedBatch.Survivor::predictedIou)
          .containsExactly(0.9f, 0.9f);
    }
  }

  @Test
  void rejectsLogitsThatDoNotMatchTheIou() {
    try (NDManager m = manager.newSubManager()) {
      NDArray x = m.zeros(new Shape(3, 2, 2));
      assertThatThrownBy(() -> SurvivorFilter.applyUpscaled(x, new float[2], 1, SAM))
          .hasMessage("logits (3, 2, 2) do not hold 2 masks [M, H, W]");
      assertThatThrownBy(() -> SurvivorFilter.applyUpscaled(x, new float[3], 2, SAM))
          .hasMessage("3 IoU values do not split into 2 masks per point");
    }
  }
}
