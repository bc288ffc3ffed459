package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.common.geometry.BoxXywh;
import ai.use.model.sam.amg.MaskGeneration.PromptDecoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The order of SAM's generate steps, with a fake model on an 8 x 8 image. */
class MaskGenerationTest {

  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /**
   * A fake model: for a point at image (x, y) it returns three masks: the image quadrant holding
   * the point (IoU 0.95), the same quadrant again (IoU 0.90) and the whole crop (IoU 0.5), plus an
   * optional stray pixel at image (7, 7) in the first mask, already at crop size, filtered in
   * libtorch by the real {@link SurvivorFilter}. It records every call.
   */
  private static final class FakeModel implements MaskGeneration.CropEncoder {
    final List<CropBox> encoded = new ArrayList<>();
    final List<Integer> batchSizes = new ArrayList<>();
    int closed;
    final boolean stray;
    final AmgOptions options;

    FakeModel(boolean stray, AmgOptions options) {
      this.stray = stray;
      this.options = options;
    }

    @Override
    public PromptDecoder encode(CropBox crop) {
      encoded.add(crop);
      return new PromptDecoder() {
        @Override
        public DecodedBatch decode(double[][] points) {
          batchSizes.add(points.length);
          int h = crop.height();
          int w = crop.width();
          float[] logits = new float[points.length * 3 * h * w];
          Arrays.fill(logits, -5f);
          float[] iou = new float[points.length * 3];
          for (int p = 0; p < points.length; p++) {
            int qx = points[p][0] + crop.x0() < 4 ? 0 : 4;
            int qy = points[p][1] + crop.y0() < 4 ? 0 : 4;
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                int ix = x + crop.x0();
                int iy = y + crop.y0();
                boolean inQuadrant = ix >= qx && ix < qx + 4 && iy >= qy && iy < qy + 4;
                int pixel = y * w + x;
                if (inQuadrant || (stray && ix == 7 && iy == 7)) {
                  logits[(p * 3) * h * w + pixel] = 5f;
                }
                if (inQuadrant) {
                  logits[(p * 3 + 1) * h * w + pixel] = 5f;
                }
                logits[(p * 3 + 2) * h * w + pixel] = 5f;
              }
            }
            iou[p * 3] = 0.95f;
            iou[p * 3 + 1] = 0.90f;
            iou[p * 3 + 2] = 0.5f;
          }
          try (NDManager batch = manager.newSubManager()) {
            NDArray upscaled = batch.create(logits, new Shape(points.length * 3L, h, w));
            return SurvivorFilter.applyUpscaled(upscaled, iou, 3, options);
          }
        }

        @Override
        public void close() {
          closed++;
        }
      };
    }
  }

  @Test
  void oneRecordPerQuadrantInPointOrder() {
    AmgOptions options = AmgOptions.builder().optPointsPerSide(2).optPointsPerBatch(3).build();
    FakeModel model = new FakeModel(false, options);
    List<MaskRecord> records = MaskGeneration.generate(8, 8, options, model);
    // points (2, 2), (6, 2), (2, 6), (6, 6); batches of 3 and 1; the encoder ran once
    assertThat(model.encoded).containsExactly(new CropBox(0, 0, 8, 8, 0));
    assertThat(model.batchSizes).containsExactly(3, 1);
    assertThat(model.closed).isEqualTo(1);
    // the IoU-0.5 masks fail the IoU filter, the 0.90 duplicates lose the NMS to the 0.95 ones
    assertThat(records).hasSize(4);
    assertThat(records).extracting(MaskRecord::predictedIou).containsOnly((double) 0.95f);
    assertThat(records)
        .extracting(MaskRecord::bbox)
        .containsExactly(
            new BoxXywh(0, 0, 3, 3),
            new BoxXywh(4, 0, 3, 3),
            new BoxXywh(0, 4, 3, 3),
            new BoxXywh(4, 4, 3, 3));
    assertThat(records).extracting(MaskRecord::area).containsOnly(16L);
    assertThat(records.get(1).pointCoords()).containsExactly(6.0, 2.0);
    assertThat(records.get(0).stabilityScore()).isEqualTo(1.0);
    assertThat(records.get(0).cropBox()).isEqualTo(new BoxXywh(0, 0, 8, 8));
  }

  @Test
  void eachCropIsEncodedOnce() {
    // 1 layer on 8 x 8: overlap int(512/1500 * 8) = 2, crop side ceil((2 + 8) / 2) = 5, x0 = 0, 3
    AmgOptions options =
        AmgOptions.builder().optPointsPerSide(2).optPointsPerBatch(3).optCropNLayers(1).build();
    FakeModel model = new FakeModel(false, options);
    List<MaskRecord> records = MaskGeneration.generate(8, 8, options, model);
    assertThat(model.encoded)
        .containsExactly(
            new CropBox(0, 0, 8, 8, 0),
            new CropBox(0, 0, 5, 5, 1),
            new CropBox(0, 3, 5, 8, 1),
            new CropBox(3, 0, 8, 5, 1),
            new CropBox(3, 3, 8, 8, 1));
    assertThat(model.batchSizes).containsExactly(3, 1, 3, 1, 3, 1, 3, 1, 3, 1);
    assertThat(model.closed).isEqualTo(5);
    // every quadrant appears once after the NMS across crops
    assertThat(records).extracting(MaskRecord::area).containsOnly(16L).hasSize(4);
  }

  @Test
  void singleCentrePointFallsInTheBottomRightQuadrant() {
    AmgOptions plain = AmgOptions.builder().optPointsPerSide(1).build();
    List<MaskRecord> records = MaskGeneration.generate(8, 8, plain, new FakeModel(false, plain));
    assertThat(records).extracting(MaskRecord::bbox).containsExactly(new BoxXywh(4, 4, 3, 3));
  }

  @Test
  void smallRegionCleanupPrefersTheUnchangedMask() {
    List<double[][]> topLeft = List.<double[][]>of(new double[][] {{0.25, 0.25}});
    // point (2, 2): mask 0 = top-left quadrant + stray pixel (7, 7): area 17, box [0, 0, 7, 7];
    // mask 1 = the quadrant alone, box [0, 0, 3, 3]; box IoU 9 / 49 < 0.7, so both survive
    AmgOptions plain = AmgOptions.builder().optPointGrids(topLeft).build();
    List<MaskRecord> dirty = MaskGeneration.generate(8, 8, plain, new FakeModel(true, plain));
    assertThat(dirty).extracting(MaskRecord::area).containsExactly(17L, 16L);
    assertThat(dirty.get(0).bbox()).isEqualTo(new BoxXywh(0, 0, 7, 7));
    // cleanup (min area 2): mask 0 loses the stray island (changed, score 0) and now duplicates
    // mask 1 (unchanged, score 1), which wins the NMS
    AmgOptions cleaned =
        AmgOptions.builder().optPointGrids(topLeft).optMinMaskRegionArea(2).build();
    List<MaskRecord> clean = MaskGeneration.generate(8, 8, cleaned, new FakeModel(true, cleaned));
    assertThat(clean).hasSize(1);
    assertThat(clean.get(0).area()).isEqualTo(16L);
    assertThat(clean.get(0).predictedIou()).isEqualTo((double) 0.90f);
    assertThat(clean.get(0).bbox()).isEqualTo(new BoxXywh(0, 0, 3, 3));
  }

  @Test
  void aCleanedMaskKeepsItsScoresAndGetsItsNewBox() {
    // IoU threshold 0.92 drops mask 1 (0.90); the cleaned mask 0 is the only one left
    AmgOptions options =
        AmgOptions.builder()
            .optPointGrids(List.<double[][]>of(new double[][] {{0.25, 0.25}}))
            .optPredIouThresh(0.92)
            .optMinMaskRegionArea(2)
            .optOutputMode(AmgOptions.OutputMode.COCO_RLE)
            .build();
    List<MaskRecord> records = MaskGeneration.generate(8, 8, options, new FakeModel(true, options));
    assertThat(records).hasSize(1);
    MaskRecord r = records.get(0);
    assertThat(r.area()).isEqualTo(16L);
    assertThat(r.bbox()).isEqualTo(new BoxXywh(0, 0, 3, 3));
    assertThat(r.predictedIou()).isEqualTo((double) 0.95f);
    assertThat(r.pointCoords()).containsExactly(2.0, 2.0);
    assertThat(r.segmentation()).isInstanceOf(Segmentation.Coco.class);
    assertThat(ai.use.common.mask.CocoRle.area(((Segmentation.Coco) r.segmentation()).rle()))
        .isEqualTo(16L);
  }
}
