package ai.use.model.head;

import ai.use.common.mask.Rle;
import ai.use.model.vit.VitFeatures;
import java.util.HashMap;
import java.util.Map;

/**
 * The USE head written the long way, in plain Java doubles, on full token maps: every patch token
 * is normalized, put through its block's LN affine and Linear, and only then pooled with the mask's
 * weights (the formulation the cache shortcut must equal).
 */
final class TokenMapReference {
  private final HeadConfig config;
  private final Map<String, float[]> params = new HashMap<>();
  private final double clipEps;
  private final double dinoEps;

  TokenMapReference(HeadConfig config, float[] weights, double clipEps, double dinoEps) {
    this.config = config;
    this.clipEps = clipEps;
    this.dinoEps = dinoEps;
    int offset = 0;
    for (UseHead.ParamSpec s : UseHead.specs(config)) {
      int n = (int) s.shape().size();
      float[] v = new float[n];
      System.arraycopy(weights, offset, v, 0, n);
      params.put(s.name(), v);
      offset += n;
    }
  }

  double[] embed(VitFeatures clip, VitFeatures dino, Rle mask) {
    int h = config.hiddenWidth();
    double[] sum = new double[h];
    if (config.useClip()) {
      backbone("clip", clip, mask, clipEps, sum);
    }
    if (config.useDino()) {
      backbone("dino", dino, mask, dinoEps, sum);
    }
    int d = config.dims().textWidth();
    float[] w = params.get("out_weight");
    float[] bias = params.get("out_bias");
    double[] out = new double[d];
    double norm = 0;
    for (int i = 0; i < d; i++) {
      double v = bias[i];
      for (int j = 0; j < h; j++) {
        v += w[i * h + j] * sum[j];
      }
      out[i] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm + 1e-12);
    for (int i = 0; i < d; i++) {
      out[i] /= norm;
    }
    return out;
  }

  private void backbone(String b, VitFeatures f, Rle mask, double eps, double[] sum) {
    int k = f.blocks();
    int c = f.width();
    int t = f.tokens();
    int h = config.hiddenWidth();
    float[] weights = PatchWeights.of(mask, f.geometry(), f.grid());
    float[] logits = params.get(b + "_block_logits");
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] scale = new double[k];
    double z = 0;
    for (int i = 0; i < k; i++) {
      scale[i] = Math.exp(logits[i] - max);
      z += scale[i];
    }
    for (int blk = 0; blk < k; blk++) {
      double[] pooled = new double[h];
      for (int p = 0; p < weights.length; p++) {
        if (weights[p] == 0) {
          continue;
        }
        double[] y =
            token(
                f,
                blk,
                1 + p,
                eps,
                params.get(b + "_ln_gamma"),
                params.get(b + "_ln_beta"),
                blk * c);
        double[] proj =
            linear(
                y,
                params.get(b + "_proj_weight"),
                blk * h * c,
                params.get(b + "_proj_bias"),
                blk * h,
                h);
        for (int j = 0; j < h; j++) {
          pooled[j] += weights[p] * proj[j];
        }
      }
      for (int j = 0; j < h; j++) {
        sum[j] += scale[blk] / z * pooled[j];
      }
    }
    if (config.useCls()) {
      double[] y =
          token(
              f, k - 1, 0, eps, params.get(b + "_cls_ln_gamma"), params.get(b + "_cls_ln_beta"), 0);
      double[] proj =
          linear(y, params.get(b + "_cls_proj_weight"), 0, params.get(b + "_cls_proj_bias"), 0, h);
      for (int j = 0; j < h; j++) {
        sum[j] += proj[j];
      }
    }
    assert t == 1 + weights.length;
  }

  /** LN (normalize + affine) of one token. */
  private static double[] token(
      VitFeatures f, int block, int token, double eps, float[] gamma, float[] beta, int at) {
    int c = f.width();
    int base = (block * f.tokens() + token) * c;
    double mean = 0;
    for (int i = 0; i < c; i++) {
      mean += f.hidden()[base + i];
    }
    mean /= c;
    double var = 0;
    for (int i = 0; i < c; i++) {
      var += Math.pow(f.hidden()[base + i] - mean, 2);
    }
    var /= c;
    double[] y = new double[c];
    for (int i = 0; i < c; i++) {
      y[i] = (f.hidden()[base + i] - mean) / Math.sqrt(var + eps) * gamma[at + i] + beta[at + i];
    }
    return y;
  }

  private static double[] linear(double[] x, float[] w, int wAt, float[] bias, int bAt, int h) {
    int c = x.length;
    double[] out = new double[h];
    for (int j = 0; j < h; j++) {
      double v = bias[bAt + j];
      for (int i = 0; i < c; i++) {
        v += w[wAt + j * c + i] * x[i];
      }
      out[j] = v;
    }
    return out;
  }
}
