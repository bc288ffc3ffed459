package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.use.common.mask.Rle;
import ai.use.model.vit.VitFeatures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UseHeadTest {
  private static final float CLIP_EPS = 1e-5f;
  private static final float DINO_EPS = 1e-6f;

  private static List<Rle> masks(int n) {
    List<Rle> masks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      masks.add(HeadFixtures.mask(100 + i));
    }
    return masks;
  }

  private static List<PooledFeatures> cached(VitFeatures clip, VitFeatures dino, List<Rle> masks) {
    NormalizedTokens c = new FeaturePooling(CLIP_EPS).normalize(clip);
    NormalizedTokens d = new FeaturePooling(DINO_EPS).normalize(dino);
    List<PooledFeatures> out = new ArrayList<>();
    for (Rle m : masks) {
      out.add(FeaturePooling.pooled(c, d, m));
    }
    return out;
  }

  @Test
  void headOnCachedPooledFeaturesEqualsHeadOnFullTokenMaps() {
    for (HeadConfig config :
        List.of(
            HeadConfig.full(HeadFixtures.DIMS, 7),
            new HeadConfig(HeadFixtures.DIMS, 7, true, false, true),
            new HeadConfig(HeadFixtures.DIMS, 7, false, true, false))) {
      float[] w = HeadFixtures.weights(config, 11);
      VitFeatures clip = HeadFixtures.clip(1);
      VitFeatures dino = HeadFixtures.dino(2);
      List<Rle> masks = masks(9);
      TokenMapReference reference = new TokenMapReference(config, w, CLIP_EPS, DINO_EPS);
      try (UseEmbedder embedder = UseEmbedder.of(config, w, CLIP_EPS, DINO_EPS)) {
        float[][] fromCache = embedder.embed(cached(clip, dino, masks));
        float[][] fromTokens = embedder.embed(clip, dino, masks);
        for (int i = 0; i < masks.size(); i++) {
          double[] expected = reference.embed(clip, dino, masks.get(i));
          double norm = 0;
          for (int j = 0; j < expected.length; j++) {
            assertThat((double) fromCache[i][j])
                .as("%s mask %s dim %s", config, i, j)
                .isCloseTo(expected[j], within(1e-5));
            norm += fromCache[i][j] * fromCache[i][j];
          }
          assertThat(fromTokens[i]).containsExactly(fromCache[i]);
          assertThat(norm).isCloseTo(1.0, within(1e-5));
        }
      }
    }
  }

  @Test
  void embeddingsDoNotDependOnTheBatchTheyArePartOf() {
    HeadConfig config = HeadConfig.full(HeadFixtures.DIMS, 7);
    float[] w = HeadFixtures.weights(config, 12);
    List<PooledFeatures> all = cached(HeadFixtures.clip(3), HeadFixtures.dino(4), masks(5));
    try (UseEmbedder embedder = UseEmbedder.of(config, w, CLIP_EPS, DINO_EPS)) {
      float[][] batch = embedder.embed(all);
      float[][] single = embedder.embed(List.of(all.get(3)));
      for (int j = 0; j < batch[3].length; j++) {
        assertThat(single[0][j]).isCloseTo(batch[3][j], within(1e-6f));
      }
    }
  }

  @Test
  void ablationsIgnoreTheSwitchedOffInputsAndDropTheirParameters() {
    HeadDims dims = HeadFixtures.DIMS;
    HeadConfig noDino = new HeadConfig(dims, 7, true, false, true);
    HeadConfig noCls = new HeadConfig(dims, 7, true, true, false);
    assertThat(UseHead.parameterNames(noDino)).noneMatch(n -> n.startsWith("dino"));
    assertThat(UseHead.parameterNames(noCls)).noneMatch(n -> n.contains("cls"));
    assertThat(UseHead.parameterCount(noDino))
        .isLessThan(UseHead.parameterCount(HeadConfig.full(dims, 7)));
    List<PooledFeatures> base = cached(HeadFixtures.clip(5), HeadFixtures.dino(6), masks(3));
    List<PooledFeatures> otherDino =
        cached(HeadFixtures.clip(5), HeadFixtures.dino(7), masks(3)); // other dinov2 + dino CLS
    try (UseEmbedder a = UseEmbedder.of(noDino, HeadFixtures.weights(noDino, 1), 1e-5f, 1e-6f);
        UseEmbedder full =
            UseEmbedder.of(
                HeadConfig.full(dims, 7),
                HeadFixtures.weights(HeadConfig.full(dims, 7), 1),
                1e-5f,
                1e-6f)) {
      assertThat(a.embed(otherDino)[1]).containsExactly(a.embed(base)[1]);
      assertThat(full.embed(otherDino)[1]).isNotEqualTo(full.embed(base)[1]);
    }
    List<PooledFeatures> otherCls = new ArrayList<>();
    for (PooledFeatures p : base) {
      otherCls.add(
          new PooledFeatures(p.clipBlocks(), p.dinoBlocks(), new float[12], new float[10]));
    }
    try (UseEmbedder a = UseEmbedder.of(noCls, HeadFixtures.weights(noCls, 2), 1e-5f, 1e-6f)) {
      assertThat(a.embed(otherCls)[0]).containsExactly(a.embed(base)[0]);
    }
    assertThatThrownBy(() -> new HeadConfig(dims, 7, false, false, true))
        .hasMessageContaining("at least one backbone");
  }

  @Test
  void weightsRoundTripThroughTheBlockInTheirStableOrder() {
    HeadConfig config = HeadConfig.full(HeadFixtures.DIMS, 7);
    float[] w = HeadFixtures.weights(config, 13);
    try (NDManager m = NDManager.newBaseManager()) {
      UseHead head = UseHead.create(config, w, m);
      assertThat(head.weights()).containsExactly(w);
      assertThat(head.getDirectParameters().keys())
          .containsExactlyElementsOf(UseHead.parameterNames(config));
    }
    List<String> names = UseHead.parameterNames(config);
    assertThat(names.get(0)).isEqualTo("clip_ln_gamma");
    assertThat(names.get(names.size() - 1)).isEqualTo(UseHead.LOGIT_SCALE);
    assertThat(UseHead.initialWeights(config, 5)[UseHead.logitScaleIndex(config)])
        .isCloseTo((float) Math.log(1 / 0.07), within(1e-6f));
    assertThat(UseHead.initialWeights(config, 5))
        .containsExactly(UseHead.initialWeights(config, 5));
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> UseHead.create(config, new float[3], m))
          .hasMessageContaining("head weights: 3 values");
    }
  }

  @Test
  void aMaskWithoutPixelsIsAMaskWeightError() {
    HeadConfig config = HeadConfig.full(HeadFixtures.DIMS, 7);
    Rle empty =
        ai.use.common.mask.CocoRle.encode(
            new ai.use.common.mask.BinaryMask(HeadFixtures.HEIGHT, HeadFixtures.WIDTH));
    try (UseEmbedder embedder =
        UseEmbedder.of(config, HeadFixtures.weights(config, 1), CLIP_EPS, DINO_EPS)) {
      assertThatThrownBy(
              () ->
                  embedder.embed(
                      HeadFixtures.clip(1), HeadFixtures.dino(2), List.of(masks(1).get(0), empty)))
          .isInstanceOf(MaskWeightException.class)
          .hasMessageContaining("no pixel inside the image");
    }
  }
}
