package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextIdsTest {

  @Test
  void identicalTextsShareAnIdAndDifferentTextsDoNot() {
    assertThat(TextIds.of("a photo of a red circle."))
        .isEqualTo(TextIds.of("a photo of a red circle."));
    // golden: SHA-256("red circle") = 2eb730c7bb8a1992..., first 8 bytes read little-endian
    assertThat(TextIds.of("red circle")).isEqualTo(0x92198abbc730b72eL);
    Set<Long> ids = new HashSet<>();
    for (String colour : new String[] {"red", "green", "blue", "yellow", "purple", "orange"}) {
      for (String shape : new String[] {"circle", "square", "triangle", "diamond"}) {
        ids.add(TextIds.of(colour + " " + shape));
      }
    }
    assertThat(ids).hasSize(24);
    assertThat(TextIds.of("Red circle")).isNotEqualTo(TextIds.of("red circle"));
  }
}
