package ai.use.common.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Reading label maps: 8-bit, 16-bit, palette PNG, TIFF; colour images and garbage refused. */
class LabelImageTest {
  private static byte[] encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  @Test
  void eightAndSixteenBitPngsRoundTrip() {
    LabelImage eight = new LabelImage(3, 2, 8, new int[] {0, 1, 2, 150, 254, 255});
    LabelImage sixteen = new LabelImage(3, 1, 16, new int[] {0, 846, 65535});

    LabelImage a = LabelImage.read(eight.encodePng(), "a.png");
    LabelImage b = LabelImage.read(sixteen.encodePng(), "b.png");

    assertThat(a.values()).containsExactly(0, 1, 2, 150, 254, 255);
    assertThat(a.bitDepth()).isEqualTo(8);
    assertThat(a.at(2, 1)).isEqualTo(255);
    assertThat(b.values()).containsExactly(0, 846, 65535);
    assertThat(b.bitDepth()).isEqualTo(16);
    assertThatThrownBy(() -> new LabelImage(1, 1, 8, new int[] {256}).encodePng())
        .hasMessageContaining("value 256 does not fit a 8-bit label map");
  }

  @Test
  void paletteIndicesAreTheValuesNotTheColours() throws Exception {
    byte[] r = {0, (byte) 128, 0};
    byte[] g = {0, 0, (byte) 128};
    byte[] b = {0, 0, 0};
    BufferedImage image =
        new BufferedImage(
            2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 3, r, g, b));
    image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {2, 1});

    LabelImage read = LabelImage.read(encode(image, "png"), "voc.png");

    assertThat(read.values()).containsExactly(2, 1);
  }

  @Test
  void sixteenBitTiffIsRead() throws Exception {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    image.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {458, 65535});

    assertThat(LabelImage.read(encode(image, "tiff"), "x.tif").values())
        .containsExactly(458, 65535);
  }

  @Test
  void colourImagesAndGarbageAreRefusedWithTheirName() throws Exception {
    byte[] rgb = encode(new BufferedImage(2, 2, BufferedImage.TYPE_3BYTE_BGR), "png");
    assertThatThrownBy(() -> LabelImage.read(rgb, "colour.png"))
        .isInstanceOf(EvalInputException.class)
        .hasMessageContaining("colour.png has 3 channels");
    assertThatThrownBy(() -> LabelImage.read(new byte[] {1, 2, 3}, "junk.png"))
        .isInstanceOf(EvalInputException.class)
        .hasMessageContaining("junk.png is not a readable image");
  }

  @Test
  void classListsHaveOneClassPerLineWithOptionalSynonyms() {
    ClassList list = ClassList.parse("wall\nbuilding, edifice\r\nsky\n\n", "c.txt");
    assertThat(list.names()).containsExactly("wall", "building", "sky");
    assertThatThrownBy(() -> ClassList.parse("a\n\nb\n", "c.txt"))
        .hasMessageContaining("class list c.txt has a blank line 2");
    assertThatThrownBy(() -> ClassList.parse("\n", "c.txt")).hasMessageContaining("is empty");
  }
}
