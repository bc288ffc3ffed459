package ai.use.model.train;

import com.google.common.base.Preconditions;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One worker's inner AdamW state: the number of steps taken and the first and second moments, one
 * value per head weight. Owned by the driver between rounds; {@link #toBytes()} / {@link
 * #fromBytes} round-trip exactly.
 *
 * @param step steps taken so far (also the data-order position: see {@link TrainOptions#seed()})
 * @param m first moments {@code [P]}
 * @param v second moments {@code [P]}
 */
public record AdamWState(long step, float[] m, float[] v) implements Serializable {
  private static final int MAGIC = 0x55414457; // "UADW"
  private static final int FORMAT = 1;

  public AdamWState {
    Preconditions.checkArgument(step >= 0, "step must be >= 0, got %s", step);
    Preconditions.checkArgument(
        m.length == v.length, "moments differ in length: %s vs %s", m.length, v.length);
  }

  /** The state before the first step of a head with {@code parameters} weights. */
  public static AdamWState initial(int parameters) {
    return new AdamWState(0, new float[parameters], new float[parameters]);
  }

  /** Little-endian: magic, format, step, count, m, v. */
  public byte[] toBytes() {
    ByteBuffer b = ByteBuffer.allocate(20 + 8 * m.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(MAGIC).putInt(FORMAT).putLong(step).putInt(m.length);
    b.asFloatBuffer().put(m).put(v);
    return b.array();
  }

  /** Reads {@link #toBytes()}; fails clearly on anything else. */
  public static AdamWState fromBytes(byte[] bytes) {
    Preconditions.checkArgument(
        bytes.length >= 20, "AdamW state: %s bytes is too short for a header", bytes.length);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    Preconditions.checkArgument(b.getInt() == MAGIC, "not an AdamW state (bad magic)");
    int format = b.getInt();
    Preconditions.checkArgument(
        format == FORMAT, "AdamW state format %s, this code reads %s", format, FORMAT);
    long step = b.getLong();
    int n = b.getInt();
    Preconditions.checkArgument(
        n >= 0 && bytes.length == 20 + 8L * n,
        "AdamW state of %s values needs %s bytes, got %s",
        n,
        20 + 8L * n,
        bytes.length);
    float[] m = new float[n];
    float[] v = new float[n];
    b.asFloatBuffer().get(m).get(v);
    return new AdamWState(step, m, v);
  }
}
