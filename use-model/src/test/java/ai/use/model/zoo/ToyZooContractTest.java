package ai.use.model.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEmbedding;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamOutput;
import ai.use.model.sam.SamPrompt;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import ai.use.model.vit.VitEncoder;
import ai.use.model.vit.VitFeatures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every toy model loads through its adapter and honours its contract's shapes. */
class ToyZooContractTest {

  private static LoadedModel load(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  private static BufferedImage scene(Color colour, int x) {
    BufferedImage image = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(128, 128, 124));
    g.fillRect(0, 0, 320, 240);
    g.setColor(colour);
    g.fillRect(x, 60, 100, 100);
    g.dispose();
    return image;
  }

  @Test
  void everySidecarRecordsTheToyWorldItWasMadeFrom() {
    for (ModelRole role : ModelRole.values()) {
      Sidecar s = load(role).sidecar();
      assertThat(s.toyWorldSpecVersion())
          .as("%s spec version", role)
          .isEqualTo(ToyWorldSpec.SPEC_VERSION);
      assertThat(s.toyWorldSeed()).as("%s seed", role).isEqualTo(7);
    }
  }

  @Test
  void imageBackbonesGiveBlockHiddenStatesAndBatchConsistently() {
    for (ModelRole role : List.of(ModelRole.CLIP_IMAGE, ModelRole.DINOV2)) {
      LoadedModel model = load(role);
      Sidecar s = model.sidecar();
      List<BufferedImage> images =
          List.of(scene(Color.RED, 40), scene(Color.BLUE, 150), scene(Color.GREEN, 90));
      try (VitEncoder batched = new VitEncoder(model, 3);
          VitEncoder single = new VitEncoder(model, 1)) {
        List<VitFeatures> a = batched.encode(images);
        List<VitFeatures> b = single.encode(images);
        VitFeatures f = a.get(1);
        assertThat(f.blocks()).isEqualTo(s.selectedBlocks().length);
        assertThat(f.tokens()).isEqualTo(1 + s.grid() * s.grid());
        assertThat(f.hidden()).hasSize(f.blocks() * f.tokens() * s.hiddenWidth());
        if (role == ModelRole.CLIP_IMAGE) {
          assertThat(f.dense()).hasSize(f.tokens() * s.outputWidth());
        } else {
          assertThat(f.dense()).isEmpty();
        }
        for (int i = 0; i < 3; i++) {
          for (int k = 0; k < a.get(i).hidden().length; k += 97) {
            assertThat(a.get(i).hidden()[k]).isCloseTo(b.get(i).hidden()[k], within(1e-4f));
          }
        }
      }
    }
  }

  @Test
  void samMapsPromptsFromTheOriginalFrameAndMasksBackToIt() {
    BufferedImage image = scene(Color.RED, 40);
    try (SamEncoder encoder = new SamEncoder(load(ModelRole.SAM_ENCODER));
        SamDecoder decoder = new SamDecoder(load(ModelRole.SAM_DECODER));
        NDManager manager = NDManager.newBaseManager()) {
      SamEmbedding embedding = encoder.encode(image, manager);
      assertThat(embedding.embedding().getShape()).isEqualTo(SamEncoder.EMBEDDING);
      SamOutput out =
          decoder.decode(
              embedding, List.of(SamPrompt.box(40, 60, 140, 160), SamPrompt.point(90, 110)));
      assertThat(out.prompts()).isEqualTo(2);
      assertThat(out.masks()).isEqualTo(4);
      var mask = out.mask(0, out.best(0), 0f);
      assertThat(mask.height()).isEqualTo(240);
      assertThat(mask.width()).isEqualTo(320);
      // the square is 100x100 at (40, 60): the chosen mask from its box covers it
      long inside = 0;
      for (int y = 60; y < 160; y++) {
        for (int x = 40; x < 140; x++) {
          inside += mask.get(y, x) ? 1 : 0;
        }
      }
      assertThat(inside).isGreaterThan(8000);
      assertThat(mask.area()).isLessThan(14000);
    }
  }
}
