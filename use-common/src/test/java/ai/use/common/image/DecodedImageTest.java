package ai.use.common.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodedImageTest {
  private static DecodedImage of(BufferedImage image, int width, int height, int orientation) {
    return new DecodedImage(
        image,
        width,
        height,
        "PNG",
        orientation,
        ExifPolicy.IGNORE,
        false,
        false,
        8,
        SourceColor.RGB,
        List.of());
  }

  @Test
  void bgrBytesIsTheRasterArrayInHwcOrder() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
    image.setRGB(1, 0, 0x112233);
    DecodedImage d = of(image, 2, 1, 1);
    assertThat(d.bgrBytes()).containsExactly(0, 0, 0, 0x33, 0x22, 0x11);
  }

  @Test
  void refusesAnythingButCompactBgr() {
    assertThatThrownBy(() -> of(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB), 2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TYPE_3BYTE_BGR");
    BufferedImage parent = new BufferedImage(4, 4, BufferedImage.TYPE_3BYTE_BGR);
    assertThatThrownBy(() -> of(parent.getSubimage(1, 1, 2, 2), 2, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compact");
    assertThatThrownBy(() -> of(new BufferedImage(2, 3, BufferedImage.TYPE_3BYTE_BGR), 3, 2, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image is 2x3 but width x height is 3x2");
    assertThatThrownBy(() -> of(new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR), 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exifOrientation must be 1..8, got 0");
  }
}
