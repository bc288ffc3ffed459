package ai.use.common.image;

import java.io.IOException;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An {@code ImageInputStream} over a slice of a byte array, without copying it (ImageIO's {@code
 * MemoryCacheImageInputStream} would cache a second copy of every byte read).
 */
final class BytesImageInputStream extends ImageInputStreamImpl {
  private final byte[] data;
  private final int offset;
  private final int length;

  BytesImageInputStream(byte[] data) {
    this(data, 0, data.length);
  }

  BytesImageInputStream(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    this.data = data;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    checkClosed();
    bitOffset = 0;
    if (streamPos >= length) {
      return -1;
    }
    return data[offset + (int) streamPos++] & 0xFF;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    checkClosed();
    Objects.checkFromIndexSize(off, len, b.length);
    bitOffset = 0;
    if (len == 0) {
      return 0;
    }
    if (streamPos >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - streamPos);
    System.arraycopy(data, offset + (int) streamPos, b, off, n);
    streamPos += n;
    return n;
  }

  @Override
  public long length() {
    return length;
  }
}
