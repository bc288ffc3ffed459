package ai.use.model.zoo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.use.common.mask.BinaryMask;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.amg.AmgOptions;
import ai.use.model.spec.ModelRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic mask generator with the toy preset on held-out toy images (a world with a seed the
 * toy SAM never saw), through the real toy SAM in libtorch.
 */
class AmgEvaluationTest {
  private static final int IMAGES = 4;
  @TempDir static Path world;
  private static AmgFigures figures;

  @BeforeAll
  static void evaluate() throws Exception {
    ToyWorldGenerator.generate(ToyWorldSpec.small(2024, 0, IMAGES), world);
    figures =
        AmgEvaluation.run(
            world,
            "heldout",
            IMAGES,
            load(ModelRole.SAM_ENCODER),
            load(ModelRole.SAM_DECODER),
            AmgOptions.toyPreset());
    System.out.println("AMG with the toy preset: " + figures);
  }

  private static LoadedModel load(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  @Test
  void findsNineInTenObjects() {
    assertThat(figures.images()).isEqualTo(IMAGES);
    assertThat(figures.objects()).isGreaterThanOrEqualTo(IMAGES);
    assertThat(figures.recall()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void generatesAtMostThreeMasksPerObjectOrPart() {
    assertThat(figures.masksPerImage()).isGreaterThan(0);
    assertThat(figures.worstMaskRatio()).isLessThanOrEqualTo(3.0);
  }

  @Test
  void blankImageGivesAtMostTwoMasks() {
    assertThat(figures.blankImageMasks()).isLessThanOrEqualTo(2);
  }

  @Test
  void postprocessShareIsAFraction() {
    assertThat(figures.postprocessShare()).isBetween(0.0, 1.0);
  }

  @Test
  void bestIouIsTheHighestOverTheMasks() {
    BinaryMask truth = new BinaryMask(2, 2);
    truth.set(0, 0, true);
    truth.set(0, 1, true);
    BinaryMask half = new BinaryMask(2, 2);
    half.set(0, 0, true);
    BinaryMask other = new BinaryMask(2, 2);
    other.set(1, 1, true);
    assertThat(AmgEvaluation.bestIou(truth, List.of(other, half))).isEqualTo(0.5);
    assertThat(AmgEvaluation.bestIou(truth, List.of())).isEqualTo(0.0);
  }

  @Test
  void rejectsOutputOtherThanBinaryMasks() {
    AmgOptions rle =
        AmgOptions.toyPresetBuilder().optOutputMode(AmgOptions.OutputMode.COCO_RLE).build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> AmgEvaluation.run(world, "heldout", 1, null, null, rle))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("BINARY_MASK");
  }
}
