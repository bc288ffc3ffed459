package ai.use.model.label;

/** Small vector operations on {@code float[]} (L2 norm, dot product). */
final class Vectors {
  private Vectors() {}

  /** {@code v / |v|}; fails naming {@code what} when {@code v} has zero or non-finite length. */
  static float[] normalized(float[] v, String what) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.sqrt(sum);
    if (!(norm > 0) || !Double.isFinite(norm)) {
      throw new IllegalArgumentException(
          "embedding of " + what + " has length " + norm + "; it cannot be normalized");
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
