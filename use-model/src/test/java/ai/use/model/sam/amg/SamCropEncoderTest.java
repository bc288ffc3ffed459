package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.common.geometry.BoxXywh;
import ai.use.common.mask.BinaryMask;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEncoder;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generator end to end on the toy SAM (CPU): structure of the records, not their quality. */
class SamCropEncoderTest {

  private static LoadedModel load(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  private static BufferedImage scene() {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(128, 128, 124));
    g.fillRect(0, 0, 320, 240);
    g.setColor(Color.RED);
    g.fillRect(40, 60, 100, 100);
    g.setColor(Color.BLUE);
    g.fillRect(200, 40, 80, 120);
    g.dispose();
    return image;
  }

  @Test
  void generatesConsistentRecordsOnTheToySam() {
    AmgOptions options =
        AmgOptions.builder()
            .optPointsPerSide(4)
            .optPointsPerBatch(8)
            .optPredIouThresh(0)
            .optStabilityScoreThresh(0)
            .build();
    try (SamEncoder encoder = new SamEncoder(load(ModelRole.SAM_ENCODER));
        SamDecoder decoder = new SamDecoder(load(ModelRole.SAM_DECODER));
        NDManager manager = NDManager.newBaseManager()) {
      SamCropEncoder crops = new SamCropEncoder(scene(), encoder, decoder, manager, options);
      List<MaskRecord> records = MaskGeneration.generate(240, 320, options, crops);
      assertThat(records).isNotEmpty();
      for (MaskRecord r : records) {
        BinaryMask mask = ((Segmentation.Binary) r.segmentation()).mask();
        assertThat(mask.height()).isEqualTo(240);
        assertThat(mask.width()).isEqualTo(320);
        assertThat(r.area()).isEqualTo(mask.area());
        assertThat(r.bbox()).isEqualTo(MaskRecord.samBbox(mask));
        assertThat(r.cropBox()).isEqualTo(new BoxXywh(0, 0, 320, 240));
      }
      // some mask covers most of the red square (100 x 100 at (40, 60))
      assertThat(records)
          .anySatisfy(
              r -> {
                BinaryMask mask = ((Segmentation.Binary) r.segmentation()).mask();
                long inside = 0;
                for (int y = 60; y < 160; y++) {
                  for (int x = 40; x < 140; x++) {
                    inside += mask.get(y, x) ? 1 : 0;
                  }
                }
                assertThat(inside).isGreaterThan(5000);
              });
    }
  }

  @Test
  void cropLayersCutAndEncodeEachCrop() {
    AmgOptions options =
        AmgOptions.builder()
            .optPointsPerSide(4)
            .optPointsPerBatch(16)
            .optCropNLayers(1)
            .optPredIouThresh(0)
            .optStabilityScoreThresh(0)
            .build();
    List<BoxXywh> cropBoxes =
        CropBoxes.generate(240, 320, 1, options.cropOverlapRatio()).stream()
            .map(CropBox::toXywh)
            .toList();
    try (SamEncoder encoder = new SamEncoder(load(ModelRole.SAM_ENCODER));
        SamDecoder decoder = new SamDecoder(load(ModelRole.SAM_DECODER));
        NDManager manager = NDManager.newBaseManager()) {
      SamCropEncoder crops = new SamCropEncoder(scene(), encoder, decoder, manager, options);
      List<MaskRecord> records = MaskGeneration.generate(240, 320, options, crops);
      assertThat(records).isNotEmpty();
      assertThat(records).allSatisfy(r -> assertThat(cropBoxes).contains(r.cropBox()));
      for (MaskRecord r : records) {
        assertThat(r.bbox())
            .isEqualTo(MaskRecord.samBbox(((Segmentation.Binary) r.segmentation()).mask()));
      }
    }
  }
}
