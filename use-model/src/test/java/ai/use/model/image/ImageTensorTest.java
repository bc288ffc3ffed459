package ai.use.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.model.runtime.TorchEngine;
import ai.use.model.spec.Normalization;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ImageTensorTest {

  @Test
  void libtorchReadsThePreprocessedBufferWithoutACopy() {
    ImageTensor t =
        new ImagePreprocessor(8, "pad", Normalization.CLIP)
            .apply(new BufferedImage(4, 2, BufferedImage.TYPE_3BYTE_BGR));
    TorchEngine.get();
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray x = t.toNdArray(manager);
      assertThat(x.getShape()).isEqualTo(new Shape(1, 3, 8, 8));
      assertThat(x.getFloat(0, 2, 7, 7)).isEqualTo(t.chw()[2 * 64 + 63]);
      // a write into the buffer is visible in the tensor: both are the same memory
      t.floats().put(2 * 64 + 63, 42f);
      assertThat(x.getFloat(0, 2, 7, 7)).isEqualTo(42f);
    }
  }

  @Test
  void refusesAHeapBufferOrAWrongSize() {
    Geometry g = Geometry.longestSide(2, 4, 8);
    assertThatThrownBy(() -> new ImageTensor(ByteBuffer.allocate(3 * 64 * 4), g))
        .hasMessageContaining("direct buffer in native byte order");
    assertThatThrownBy(() -> new ImageTensor(ImageTensor.allocate(4), g))
        .hasMessageContaining("[3,8,8] floats need 768");
  }
}
