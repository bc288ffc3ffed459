package ai.use.jobs.train;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Random;

/**
 * An honest, tiny {@link RoundStep} for testing the driver machinery: H Adam steps of mean squared
 * error on minibatches drawn with the round seed. Its inner state (Adam moments and step count) is
 * serialized like a real optimizer's, so resume and retry exactness is tested for real.
 */
final class LeastSquaresStep implements RoundStep<LeastSquaresStep.Sample> {
  private static final long serialVersionUID = 1L;

  /** One example: features x {@code [d]} and target y. */
  record Sample(String id, float[] x, float y) implements java.io.Serializable {}

  private final int steps;
  private final int batch;
  private final float lr;

  LeastSquaresStep(int steps, int batch, float lr) {
    this.steps = steps;
    this.batch = batch;
    this.lr = lr;
  }

  @Override
  public LocalResult run(float[] weights, byte[] innerState, List<Sample> shard, long seed) {
    int d = weights.length;
    float[] w = weights.clone();
    float[] m = new float[d];
    float[] v = new float[d];
    long t = 0;
    if (innerState.length > 0) {
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(innerState))) {
        t = in.readLong();
        for (int i = 0; i < d; i++) {
          m[i] = in.readFloat();
          v[i] = in.readFloat();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // batches of step t depend on (seed, t) only, t continuing across rounds in the state
    Random random = new Random(seed ^ (t * 0x9E3779B97F4A7C15L));
    double lossSum = 0;
    int b = Math.min(batch, shard.size());
    for (int s = 0; s < steps; s++) {
      float[] g = new float[d];
      double loss = 0;
      for (int k = 0; k < b; k++) {
        Sample e = shard.get(random.nextInt(shard.size()));
        float pred = 0;
        for (int i = 0; i < d; i++) {
          pred += w[i] * e.x()[i];
        }
        float err = pred - e.y();
        loss += err * err;
        for (int i = 0; i < d; i++) {
          g[i] += 2 * err * e.x()[i] / b;
        }
      }
      lossSum += loss / b;
      t++;
      for (int i = 0; i < d; i++) {
        m[i] = 0.9f * m[i] + 0.1f * g[i];
        v[i] = 0.999f * v[i] + 0.001f * g[i] * g[i];
        float mh = m[i] / (float) (1 - Math.pow(0.9, t));
        float vh = v[i] / (float) (1 - Math.pow(0.999, t));
        w[i] -= lr * mh / ((float) Math.sqrt(vh) + 1e-8f);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(t);
      for (int i = 0; i < d; i++) {
        out.writeFloat(m[i]);
        out.writeFloat(v[i]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LocalResult(w, bytes.toByteArray(), lossSum / steps, (long) steps * b);
  }
}
