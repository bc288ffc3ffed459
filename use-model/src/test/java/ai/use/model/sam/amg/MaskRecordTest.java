package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.geometry.BoxXywh;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.model.sam.amg.AmgOptions.OutputMode;
import org.junit.jupiter.api.Test;

/** The per-mask record, with SAM's inclusive-max bbox. */
class MaskRecordTest {

  private static BinaryMask lShape() {
    // 4 x 5, set pixels (y, x): (1, 1), (1, 2), (2, 1) -> batched_mask_to_box = [1, 1, 2, 2]
    BinaryMask mask = new BinaryMask(4, 5);
    mask.set(1, 1, true);
    mask.set(1, 2, true);
    mask.set(2, 1, true);
    return mask;
  }

  @Test
  void binaryRecord() {
    CropBox crop = new CropBox(0, 0, 5, 4, 0);
    MaskRecord r =
        MaskRecord.of(lShape(), OutputMode.BINARY_MASK, 0.93, new double[] {1.25, 1.5}, 0.97, crop);
    assertThat(r.segmentation()).isEqualTo(new Segmentation.Binary(lShape()));
    assertThat(r.area()).isEqualTo(3);
    // box_xyxy_to_xywh([1, 1, 2, 2]) = [1, 1, 1, 1]: one less than the COCO bbox [1, 1, 2, 2]
    assertThat(r.bbox()).isEqualTo(new BoxXywh(1, 1, 1, 1));
    assertThat(BoxXywh.ofMask(lShape())).isEqualTo(new BoxXywh(1, 1, 2, 2));
    assertThat(r.predictedIou()).isEqualTo(0.93);
    assertThat(r.pointCoords()).containsExactly(1.25, 1.5);
    assertThat(r.stabilityScore()).isEqualTo(0.97);
    assertThat(r.cropBox()).isEqualTo(new BoxXywh(0, 0, 5, 4));
  }

  @Test
  void cocoRleRecord() {
    CropBox crop = new CropBox(2, 1, 5, 4, 1);
    MaskRecord r =
        MaskRecord.of(lShape(), OutputMode.COCO_RLE, 0.9, new double[] {3, 2}, 0.96, crop);
    assertThat(r.segmentation()).isEqualTo(new Segmentation.Coco(CocoRle.encode(lShape())));
    assertThat(r.cropBox()).isEqualTo(new BoxXywh(2, 1, 3, 3));
  }

  @Test
  void uncompressedRleRecord() {
    // column-major over 4 x 5: column 0 unset (4), column 1 rows 1-2 set, column 2 row 1 set
    // flat: 0000 0110 0100 0000 0000 -> runs [5, 2, 2, 1, 10]
    MaskRecord r =
        MaskRecord.of(
            lShape(),
            OutputMode.UNCOMPRESSED_RLE,
            0.9,
            new double[] {1, 1},
            0.96,
            new CropBox(0, 0, 5, 4, 0));
    assertThat(r.segmentation())
        .isEqualTo(new Segmentation.Uncompressed(4, 5, new long[] {5, 2, 2, 1, 10}));
    // a mask whose first pixel is set starts with a run of 0 unset pixels
    BinaryMask corner = new BinaryMask(2, 2);
    corner.set(0, 0, true);
    assertThat(Segmentation.of(corner, OutputMode.UNCOMPRESSED_RLE))
        .isEqualTo(new Segmentation.Uncompressed(2, 2, new long[] {0, 1, 3}));
  }

  @Test
  void emptyAndSinglePixelMasks() {
    assertThat(MaskRecord.samBbox(new BinaryMask(3, 3))).isEqualTo(new BoxXywh(0, 0, 0, 0));
    BinaryMask one = new BinaryMask(3, 3);
    one.set(2, 1, true);
    assertThat(MaskRecord.samBbox(one)).isEqualTo(new BoxXywh(1, 2, 0, 0));
  }
}
