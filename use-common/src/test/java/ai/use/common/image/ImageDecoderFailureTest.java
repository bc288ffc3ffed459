package ai.use.common.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.use.common.image.ImageDecodeException.Reason;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageDecoderFailureTest {
  private static final String SOURCE = "s3a://bucket/images/broken.img";

  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

  private ImageDecodeException failure(ImageDecoder decoder, byte[] bytes) {
    ImageDecodeException e =
        catchThrowableOfType(
            ImageDecodeException.class, () -> decoder.decode(bytes, SOURCE, ExifPolicy.APPLY));
    assertThat(e).as("expected an ImageDecodeException").isNotNull();
    assertThat(e.source()).isEqualTo(SOURCE);
    assertThat(e.getMessage()).contains(SOURCE);
    return e;
  }

  private ImageDecodeException failure(byte[] bytes) {
    return failure(decoder, bytes);
  }

  @Test
  void emptyBytes() {
    ImageDecodeException e = failure(new byte[0]);
    assertThat(e.reason()).isEqualTo(Reason.EMPTY);
    assertThat(e.getMessage())
        .isEqualTo(
            "Image " + SOURCE + " is empty (0 bytes); replace it with a valid image or remove it");
    assertThat(failure(null).reason()).isEqualTo(Reason.EMPTY);
  }

  @Test
  void moreBytesThanTheLimit() {
    byte[] png = TestImages.png(TestImages.noise(16, 16, 1));
    ImageDecoder small = new ImageDecoder(new ImageLimits(ImageLimits.DEFAULT_MAX_PIXELS, 100));
    ImageDecodeException e = failure(small, png);
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE_BYTES);
    assertThat(e.getMessage())
        .isEqualTo(
            "Image "
                + SOURCE
                + " has "
                + png.length
                + " bytes, more than spark.use.image.maxBytes = 100; raise the limit or re-encode"
                + " the image smaller");
  }

  @Test
  void pngDecompressionBombIsRefusedFromItsHeader() {
    byte[] bomb = withPngSize(TestImages.png(TestImages.noise(2, 2, 2)), 30000, 30000);
    ImageDecodeException e = failure(bomb);
    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage())
        .isEqualTo(
            "Image "
                + SOURCE
                + " has 30000x30000 = 900000000 pixels, more than spark.use.image.maxPixels ="
                + " 64000000; raise the limit or downscale the image");
  }

  @Test
  void jpegDecompressionBombIsRefusedFromItsHeader() {
    byte[] bomb = withJpegSize(TestImages.jpeg(TestImages.noise(8, 8, 3), 0.9f), 65000, 20000);
    ImageDecodeException e = failure(bomb);
    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage())
        .contains("has 65000x20000 = 1300000000 pixels, more than spark.use.image.maxPixels");
  }

  @Test
  void pixelLimitIsConfigurable() {
    byte[] png = TestImages.png(TestImages.noise(10, 10, 4));
    ImageDecoder tight = new ImageDecoder(new ImageLimits(99, ImageLimits.DEFAULT_MAX_BYTES));
    assertThat(failure(tight, png).getMessage())
        .contains("has 10x10 = 100 pixels, more than spark.use.image.maxPixels = 99");
    ImageDecoder exact = new ImageDecoder(new ImageLimits(100, ImageLimits.DEFAULT_MAX_BYTES));
    assertThat(exact.decode(png, SOURCE, ExifPolicy.APPLY).width()).isEqualTo(10);
  }

  @Test
  void randomBytesAreAnUnsupportedFormat() {
    byte[] random = new byte[1000];
    new Random(42).nextBytes(random);
    random[0] = 0x7F;
    random[1] = 0x13;
    ImageDecodeException e = failure(random);
    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(e.getMessage())
        .startsWith("Image " + SOURCE + " (1000 bytes) is not in a format any installed reader")
        .contains("first bytes 7f 13 ")
        .contains("JPEG")
        .contains("PNG")
        .endsWith("convert it to JPEG or PNG or remove it from the input");
  }

  @Test
  void textIsAnUnsupportedFormat() {
    ImageDecodeException e = failure("<html>not found</html>".getBytes());
    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(e.getMessage()).contains("first bytes 3c 68 74 6d 6c 3e 6e 6f");
  }

  @Test
  void truncatedJpegFailsInsteadOfReturningAHalfGreyImage() {
    byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 5), 0.9f);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    ImageDecodeException e = failure(cut);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage())
        .startsWith("Image " + SOURCE + " (" + cut.length + " bytes) is a truncated JPEG")
        .containsIgnoringCase("EOI")
        .endsWith("download or export the file again, or remove it from the input");
  }

  @Test
  void jpegCutInsideItsHeaderIsTruncated() {
    byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 6), 0.9f);
    ImageDecodeException e = failure(Arrays.copyOf(jpeg, 100));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage()).contains("is a truncated JPEG");
  }

  @Test
  void truncatedPngIsTruncatedWithTheCauseChained() {
    byte[] png = TestImages.png(TestImages.noise(64, 64, 7));
    byte[] cut = Arrays.copyOf(png, png.length / 2);
    ImageDecodeException e = failure(cut);
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage())
        .startsWith("Image " + SOURCE + " (" + cut.length + " bytes) is a truncated PNG");
  }

  @Test
  void pngCutInsideItsHeaderIsTruncated() {
    byte[] png = TestImages.png(TestImages.noise(64, 64, 8));
    ImageDecodeException e = failure(Arrays.copyOf(png, 20));
    assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    assertThat(e.getMessage()).contains("is a truncated PNG");
  }

  @Test
  void pngWithBrokenCompressedDataIsCorrupt() {
    byte[] png = TestImages.png(TestImages.noise(64, 64, 9));
    int idat = indexOf(png, "IDAT");
    png[idat + 4] = (byte) 0xFF; // zlib header of the image data
    png[idat + 5] = (byte) 0xFF;
    ImageDecodeException e = failure(png);
    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    assertThat(e.getCause()).isNotNull();
    assertThat(e.getMessage())
        .startsWith("Image " + SOURCE + " (" + png.length + " bytes) is a corrupt PNG: ")
        .endsWith("re-export the file or remove it from the input");
  }

  @Test
  void jpegWithGarbageAfterItsSignatureIsCorrupt() {
    byte[] garbage = new byte[500];
    new Random(10).nextBytes(garbage);
    garbage[0] = (byte) 0xFF;
    garbage[1] = (byte) 0xD8;
    garbage[2] = (byte) 0xFF;
    garbage[3] = (byte) 0xE0;
    garbage[4] = 0;
    garbage[5] = 4;
    garbage[6] = 0;
    garbage[7] = 0;
    garbage[8] = 0x55; // not a marker
    ImageDecodeException e = failure(garbage);
    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    assertThat(e.getMessage()).contains("is a corrupt JPEG: ");
  }

  /** A copy of {@code png} whose IHDR declares {@code width x height}, with a correct CRC. */
  static byte[] withPngSize(byte[] png, int width, int height) {
    byte[] out = png.clone();
    assertThat(new String(out, 12, 4, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("IHDR");
    putInt(out, 16, width);
    putInt(out, 20, height);
    CRC32 crc = new CRC32();
    crc.update(out, 12, 4 + 13);
    putInt(out, 29, (int) crc.getValue());
    return out;
  }

  /** A copy of {@code jpeg} whose baseline SOF0 declares {@code width x height}. */
  static byte[] withJpegSize(byte[] jpeg, int width, int height) {
    byte[] out = jpeg.clone();
    for (int i = 2; i + 9 < out.length; i++) {
      if ((out[i] & 0xFF) == 0xFF && (out[i + 1] & 0xFF) == 0xC0) {
        out[i + 5] = (byte) (height >> 8);
        out[i + 6] = (byte) height;
        out[i + 7] = (byte) (width >> 8);
        out[i + 8] = (byte) width;
        return out;
      }
    }
    throw new IllegalStateException("no SOF0 segment");
  }

  private static void putInt(byte[] b, int at, int value) {
    b[at] = (byte) (value >>> 24);
    b[at + 1] = (byte) (value >>> 16);
    b[at + 2] = (byte) (value >>> 8);
    b[at + 3] = (byte) value;
  }

  private static int indexOf(byte[] b, String ascii) {
    outer:
    for (int i = 0; i + ascii.length() <= b.length; i++) {
      for (int j = 0; j < ascii.length(); j++) {
        if (b[i + j] != ascii.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("no " + ascii);
  }
}
