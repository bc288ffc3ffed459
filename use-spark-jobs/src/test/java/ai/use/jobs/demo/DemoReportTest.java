package ai.use.jobs.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.BinaryMask;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoReportTest {
  @TempDir Path dir;

  @Test
  void inlinesEveryPictureAndNamesTheClassesAndFigures() throws Exception {
    ObjectNode summary = new ObjectMapper().createObjectNode();
    summary.putObject("label").put("miou", 0.61);
    summary.put("not_a_stage", 3);
    BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
    image.setRGB(1, 1, 0x808080);
    int[][] predicted = {{0, 1, 1, 0}, {0, 1, 2, 2}, {0, 0, 2, 2}};
    int[][] truth = {{0, 1, 1, 1}, {0, 1, 2, 2}, {0, 0, 2, 2}};
    BinaryMask mask = new BinaryMask(3, 4);
    mask.set(1, 1, true);

    Path file = dir.resolve("report/index.html");
    DemoReport.write(
        file,
        summary,
        List.of("circle", "square"),
        List.of(new DemoReport.LabeledImage("toy_heldout_00000.png", image, predicted, truth)),
        "a <red> circle",
        List.of(new DemoReport.QueryHit("toy_heldout_00000.png", image, mask, 0.875, "circle")));

    String html = Files.readString(file);
    assertThat(html).contains("<td>label</td><td>miou</td><td>0.61</td>");
    assertThat(html).doesNotContain("not_a_stage");
    assertThat(html).contains("circle", "square", "ignore / background");
    assertThat(html).contains("a &lt;red&gt; circle").doesNotContain("<red>");
    assertThat(html).contains("score 0.875");
    Matcher m = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(html);
    int pictures = 0;
    while (m.find()) {
      BufferedImage decoded =
          ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
      assertThat(decoded.getWidth()).isEqualTo(4);
      pictures++;
    }
    assertThat(pictures).isEqualTo(4);
  }

  @Test
  void labelColoursAreStablePerClassAndIgnoreIsBlack() {
    assertThat(LabelMapPainter.colour(0)).isZero();
    assertThat(LabelMapPainter.colour(1)).isNotEqualTo(LabelMapPainter.colour(2));
    BufferedImage painted = LabelMapPainter.paint(new int[][] {{0, 1}, {2, 1}});
    assertThat(painted.getRGB(1, 0)).isEqualTo(painted.getRGB(1, 1));
    assertThat(painted.getRGB(0, 0) & 0xFFFFFF).isZero();
  }

  @Test
  void tintMarksTheMaskAndDimsTheRest() {
    BufferedImage image = new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 5; x++) {
        image.setRGB(x, y, 0xFFFFFF);
      }
    }
    BinaryMask mask = new BinaryMask(5, 5);
    for (int y = 1; y < 4; y++) {
      for (int x = 1; x < 4; x++) {
        mask.set(y, x, true);
      }
    }
    BufferedImage tinted = LabelMapPainter.tint(image, mask, 0xFF0000);
    assertThat(tinted.getRGB(1, 1) & 0xFFFFFF).as("outline").isEqualTo(0xFF0000);
    int centre = tinted.getRGB(2, 2) & 0xFFFFFF;
    assertThat(centre >> 16).as("red inside").isEqualTo(0xFF);
    assertThat(centre & 0xFF).as("blended inside").isBetween(0x60, 0x80);
    assertThat(tinted.getRGB(0, 0) & 0xFF).as("dimmed outside").isLessThan(0xFF);
  }
}
