package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.model.image.Geometry;
import ai.use.model.vit.VitFeatures;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeaturePoolingTest {
  private static final int K = 2;
  private static final int GRID = 4;
  private static final int C = 5;
  private static final int T = 1 + GRID * GRID;

  private static VitFeatures randomFeatures(long seed) {
    Random r = new Random(seed);
    float[] hidden = new float[K * T * C];
    for (int i = 0; i < hidden.length; i++) {
      hidden[i] = (float) (3 * r.nextGaussian() + 1);
    }
    return new VitFeatures(K, T, C, hidden, 0, new float[0], GRID, Geometry.stretched(8, 8, 16));
  }

  private static float hidden(VitFeatures f, int block, int token, int c) {
    return f.hidden()[(block * T + token) * C + c];
  }

  @Test
  void normalizesEachTokenAsLayerNormWithoutAffine() {
    float[] hidden = new float[K * T * C];
    float[] token = {1, 2, 3, 4, 10};
    System.arraycopy(token, 0, hidden, (T + 1) * C, C); // block 1, first patch
    VitFeatures f =
        new VitFeatures(K, T, C, hidden, 0, new float[0], GRID, Geometry.stretched(8, 8, 16));
    NormalizedTokens n = new FeaturePooling(1e-5f).normalize(f);
    double mean = 4;
    double var = (9 + 4 + 1 + 0 + 36) / 5.0;
    for (int c = 0; c < C; c++) {
      assertThat((double) n.patches()[(GRID * GRID) * C + c])
          .isCloseTo((token[c] - mean) / Math.sqrt(var + 1e-5), within(1e-6));
    }
    // a constant token normalizes to zeros, not NaN (eps)
    assertThat(n.patches()[0]).isZero();
  }

  @Test
  void poolingIsTheWeightedMeanOfNormalizedPatchTokensPerBlock() {
    VitFeatures f = randomFeatures(1);
    NormalizedTokens n = new FeaturePooling(1e-6f).normalize(f);
    float[] w = new float[GRID * GRID];
    w[0] = 0.25f;
    w[5] = 0.75f;
    float[] pooled = n.pool(w);
    assertThat(pooled).hasSize(K * C);
    for (int k = 0; k < K; k++) {
      for (int c = 0; c < C; c++) {
        float expected =
            0.25f * n.patches()[(k * GRID * GRID) * C + c]
                + 0.75f * n.patches()[(k * GRID * GRID + 5) * C + c];
        assertThat(pooled[k * C + c]).isCloseTo(expected, within(1e-6f));
      }
    }
    // scaling and shifting a token's raw values does not change its normalized form
    float[] raw = f.hidden().clone();
    for (int c = 0; c < C; c++) {
      raw[(T + 6) * C + c] = 7 * raw[(T + 6) * C + c] - 3;
    }
    NormalizedTokens scaled =
        new FeaturePooling(1e-6f)
            .normalize(new VitFeatures(K, T, C, raw, 0, new float[0], GRID, f.geometry()));
    for (int c = 0; c < C; c++) {
      int i = (GRID * GRID + 5) * C + c;
      assertThat(scaled.patches()[i]).isCloseTo(n.patches()[i], within(1e-5f));
    }
  }

  @Test
  void clsIsTheNormalizedFirstTokenOfTheLastBlock() {
    VitFeatures f = randomFeatures(2);
    float[] cls = new FeaturePooling(1e-5f).normalize(f).cls();
    double mean = 0;
    for (int c = 0; c < C; c++) {
      mean += hidden(f, K - 1, 0, c);
    }
    mean /= C;
    double var = 0;
    for (int c = 0; c < C; c++) {
      var += Math.pow(hidden(f, K - 1, 0, c) - mean, 2);
    }
    var /= C;
    for (int c = 0; c < C; c++) {
      assertThat((double) cls[c])
          .isCloseTo((hidden(f, K - 1, 0, c) - mean) / Math.sqrt(var + 1e-5), within(1e-6));
    }
  }

  @Test
  void pooledFeaturesUseEachBackbonesOwnGrid() {
    VitFeatures clip = randomFeatures(3);
    // dinov2 on a 2x2 grid of a 16-pixel input: a different patch grid for the same image
    Random r = new Random(4);
    int dt = 1 + 4;
    float[] dh = new float[3 * dt * 6];
    for (int i = 0; i < dh.length; i++) {
      dh[i] = (float) r.nextGaussian();
    }
    VitFeatures dino =
        new VitFeatures(3, dt, 6, dh, 0, new float[0], 2, Geometry.stretched(8, 8, 16));
    BinaryMask mask = new BinaryMask(8, 8);
    mask.set(0, 0, true); // top-left pixel: patch 0 on both grids
    FeaturePooling pooling = new FeaturePooling(1e-5f);
    NormalizedTokens nc = pooling.normalize(clip);
    NormalizedTokens nd = pooling.normalize(dino);
    PooledFeatures p = FeaturePooling.pooled(nc, nd, CocoRle.encode(mask));
    p.checkFits(new HeadDims(K, C, 3, 6, 7));
    for (int c = 0; c < 6; c++) {
      assertThat(p.dinoBlocks()[2 * 6 + c]).isEqualTo(nd.patches()[(2 * 4) * 6 + c]);
    }
    assertThat(p.clipCls()).containsExactly(nc.cls());
    assertThatThrownBy(() -> p.checkFits(new HeadDims(K, C, 3, 7, 7)))
        .hasMessageContaining("dinoBlocks has 18 values but the head expects 21");
  }

  @Test
  void mismatchedInputsAreClearErrors() {
    VitFeatures f = randomFeatures(5);
    NormalizedTokens n = new FeaturePooling(1e-5f).normalize(f);
    assertThatThrownBy(() -> n.pool(new float[3]))
        .hasMessageContaining("patch weights: 3 values for a 4^2 grid");
    VitFeatures bad = new VitFeatures(K, T, C, new float[7], 0, new float[0], GRID, f.geometry());
    assertThatThrownBy(() -> new FeaturePooling(1e-5f).normalize(bad))
        .hasMessageContaining("hidden states have 7 values");
  }
}
