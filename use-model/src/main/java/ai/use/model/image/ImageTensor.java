package ai.use.model.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.common.base.Preconditions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A preprocessed image: float {@code [3, S, S]} (RGB planes, row-major, normalized) in a direct,
 * native-order buffer, and how the original maps into it. The buffer is what libtorch reads: {@link
 * #toNdArray} hands it over without a copy ({@code torch::from_blob}; the array keeps the buffer
 * alive).
 *
 * @param data the values, {@code 3 * S * S} floats, direct and native order
 * @param geometry original size, S, resized content size
 */
public record ImageTensor(ByteBuffer data, Geometry geometry) {
  public ImageTensor {
    Preconditions.checkArgument(
        data.isDirect() && data.order() == ByteOrder.nativeOrder(),
        "image tensor data must be a direct buffer in native byte order");
    int s = geometry.inputSize();
    Preconditions.checkArgument(
        data.capacity() == 3 * s * s * Float.BYTES,
        "image tensor data holds %s bytes, [3,%s,%s] floats need %s",
        data.capacity(),
        s,
        s,
        3 * s * s * Float.BYTES);
  }

  /** A zeroed direct buffer for {@code [3, S, S]} floats. */
  static ByteBuffer allocate(int size) {
    return ByteBuffer.allocateDirect(3 * size * size * Float.BYTES).order(ByteOrder.nativeOrder());
  }

  public int size() {
    return geometry.inputSize();
  }

  /** The values as a float view (absolute indices {@code c·S² + y·S + x}). */
  public FloatBuffer floats() {
    return data.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
  }

  /** A copy of the values as a Java array (tests, batching). */
  public float[] chw() {
    float[] out = new float[3 * size() * size()];
    floats().get(0, out);
    return out;
  }

  /** The tensor {@code [1, 3, S, S]} on {@code manager}, sharing this buffer (no copy). */
  public NDArray toNdArray(NDManager manager) {
    int s = size();
    return manager.create(
        data.duplicate().order(ByteOrder.nativeOrder()), new Shape(1, 3, s, s), DataType.FLOAT32);
  }
}
