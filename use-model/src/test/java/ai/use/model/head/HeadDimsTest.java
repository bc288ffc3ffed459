package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import ai.use.model.zoo.ToyZoo;
import org.junit.jupiter.api.Test;

/** Head dims and LayerNorm epsilons come from the frozen models' sidecars. */
class HeadDimsTest {
  private static Sidecar sidecar(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE).sidecar();
  }

  /** The same sidecar as if exported from a real checkpoint (no toy world). */
  private static Sidecar real(Sidecar s) {
    return new Sidecar(
        s.role(),
        s.formatVersion(),
        "facebook/dinov2-large",
        0,
        0,
        s.inputSize(),
        s.resizeMode(),
        s.normalization(),
        s.patchSize(),
        s.grid(),
        s.selectedBlocks(),
        s.hiddenWidth(),
        s.outputWidth(),
        s.contextLength(),
        s.tokenizer(),
        s.padId(),
        s.boxesPerQuery(),
        s.numMasks(),
        s.maskSize());
  }

  @Test
  void dimsOfTheToyZoo() {
    HeadDims d =
        HeadDims.of(
            sidecar(ModelRole.CLIP_IMAGE), sidecar(ModelRole.DINOV2), sidecar(ModelRole.CLIP_TEXT));
    assertThat(d).isEqualTo(new HeadDims(2, 64, 2, 96, 32));
    assertThatThrownBy(
            () ->
                HeadDims.of(
                    sidecar(ModelRole.DINOV2),
                    sidecar(ModelRole.DINOV2),
                    sidecar(ModelRole.CLIP_TEXT)))
        .hasMessageContaining("not a clip-image sidecar");
  }

  @Test
  void layerNormEpsilonFollowsTheBackbone() {
    assertThat(FeaturePooling.epsFor(sidecar(ModelRole.CLIP_IMAGE))).isEqualTo(1e-5f);
    assertThat(FeaturePooling.epsFor(sidecar(ModelRole.DINOV2)))
        .isEqualTo(1e-5f); // toy: torch default
    assertThat(FeaturePooling.epsFor(real(sidecar(ModelRole.DINOV2)))).isEqualTo(1e-6f);
    assertThat(FeaturePooling.epsFor(real(sidecar(ModelRole.CLIP_IMAGE)))).isEqualTo(1e-5f);
    assertThatThrownBy(() -> FeaturePooling.epsFor(sidecar(ModelRole.CLIP_TEXT)))
        .hasMessageContaining("not an image backbone");
  }
}
