package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.mask.Rle;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fp16Test {

  @Test
  void everyFiniteHalfRoundTripsExactly() {
    for (int h = 0; h < 0x10000; h++) {
      int e = (h >>> 10) & 0x1f;
      if (e == 31) {
        continue;
      }
      float f = Fp16.toFloat((short) h);
      assertThat(Fp16.toHalf(f, 0)).as("half 0x%04x", h).isEqualTo((short) h);
    }
    assertThat(Fp16.toFloat((short) 0x3c00)).isEqualTo(1f);
    assertThat(Fp16.toFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(Fp16.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
  }

  @Test
  void encodesToTheNearestHalfWithinTheStatedBound() {
    Random r = new Random(1);
    for (int i = 0; i < 50_000; i++) {
      float x = (float) (Math.pow(2, r.nextInt(40) - 30) * r.nextGaussian());
      if (Math.abs(x) >= 65504) {
        continue;
      }
      short h = Fp16.toHalf(x, i);
      double back = Fp16.toFloat(h);
      double err = Math.abs(back - x);
      // nearest: neither neighbour is closer
      for (int d : new int[] {-1, 1}) {
        int n = (h & 0xffff) + d;
        if (n >= 0 && n < 0x10000 && ((n >>> 10) & 0x1f) != 31 && (n & 0x7fff) != 0x7fff) {
          assertThat(err).as("x=%s", x).isLessThanOrEqualTo(Math.abs(Fp16.toFloat((short) n) - x));
        }
      }
      if (Math.abs(x) >= 0x1p-14) {
        assertThat(err).isLessThanOrEqualTo(Math.abs(x) * 0x1p-11);
      } else {
        assertThat(err).isLessThanOrEqualTo(0x1p-25);
      }
    }
    assertThat(Fp16.toHalf(1 + 0x1p-11f, 0)).isEqualTo((short) 0x3c00); // tie -> even
    assertThat(Fp16.toHalf(1 + 3 * 0x1p-11f, 0)).isEqualTo((short) 0x3c02);
  }

  @Test
  void overflowAndNanAreRejectedNotStoredAsInfinity() {
    assertThat(Fp16.decode(Fp16.encode(new float[] {65519f}))).containsExactly(65504f);
    assertThatThrownBy(() -> Fp16.encode(new float[] {0, 65520f}))
        .hasMessageContaining("value 65520.0 at index 1 does not fit fp16");
    assertThatThrownBy(() -> Fp16.encode(new float[] {Float.NaN})).hasMessageContaining("NaN");
    assertThatThrownBy(() -> Fp16.decode(new byte[3])).hasMessageContaining("odd number");
  }

  @Test
  void headOnFp16CachedFeaturesStaysCloseToFp32() {
    HeadConfig config = HeadConfig.full(HeadFixtures.DIMS, 7);
    NormalizedTokens c = new FeaturePooling(1e-5f).normalize(HeadFixtures.clip(1));
    NormalizedTokens d = new FeaturePooling(1e-6f).normalize(HeadFixtures.dino(2));
    List<PooledFeatures> fp32 = new ArrayList<>();
    List<PooledFeatures> fp16 = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Rle mask = HeadFixtures.mask(200 + i);
      PooledFeatures p = FeaturePooling.pooled(c, d, mask);
      fp32.add(p);
      fp16.add(
          new PooledFeatures(
              Fp16.decode(Fp16.encode(p.clipBlocks())),
              Fp16.decode(Fp16.encode(p.dinoBlocks())),
              Fp16.decode(Fp16.encode(p.clipCls())),
              Fp16.decode(Fp16.encode(p.dinoCls()))));
      for (float v : p.clipBlocks()) {
        assertThat(Math.abs(v)).isLessThanOrEqualTo((float) Math.sqrt(12 - 1));
      }
    }
    try (UseEmbedder e = UseEmbedder.of(config, HeadFixtures.weights(config, 3), 1e-5f, 1e-6f)) {
      float[][] a = e.embed(fp32);
      float[][] b = e.embed(fp16);
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < a[i].length; j++) {
          assertThat(b[i][j]).isCloseTo(a[i][j], within(5e-3f));
        }
      }
    }
  }
}
