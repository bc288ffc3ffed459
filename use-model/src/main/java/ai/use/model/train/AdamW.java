package ai.use.model.train;

/**
 * AdamW (Loshchilov &amp; Hutter; PyTorch's {@code torch.optim.AdamW} update order) on flat arrays
 * in plain Java, so the inner state is plain data the driver can own and the update is
 * bit-reproducible: {@code w ← w·(1 − lr·wd)} (decayed weights only), {@code m ← β1·m + (1−β1)·g},
 * {@code v ← β2·v + (1−β2)·g²}, {@code w ← w − lr/(1−β1^t) · m / (sqrt(v)/sqrt(1−β2^t) + ε)}.
 */
final class AdamW {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPS = 1e-8;

  private AdamW() {}

  /** One step: updates {@code w}, {@code state.m()} and {@code state.v()} in place. */
  static AdamWState step(
      float[] w, float[] g, AdamWState state, double lr, double wd, boolean[] decay) {
    long t = state.step() + 1;
    float[] m = state.m();
    float[] v = state.v();
    double bc1 = 1 - Math.pow(BETA1, t);
    double bc2 = Math.sqrt(1 - Math.pow(BETA2, t));
    double stepSize = lr / bc1;
    for (int i = 0; i < w.length; i++) {
      double wi = w[i];
      if (decay[i]) {
        wi *= 1 - lr * wd;
      }
      double gi = g[i];
      double mi = BETA1 * m[i] + (1 - BETA1) * gi;
      double vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      m[i] = (float) mi;
      v[i] = (float) vi;
      w[i] = (float) (wi - stepSize * mi / (Math.sqrt(vi) / bc2 + EPS));
    }
    return new AdamWState(t, m, v);
  }
}
