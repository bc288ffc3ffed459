package ai.use.model.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.sam.amg.AmgOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionHashTest {
  @TempDir Path dir;

  @Test
  void idDependsOnEveryPartButNotOnTheirOrder() {
    String a = new VersionHash().put("x", "1").put("y", "2").id();
    String b = new VersionHash().put("y", "2").put("x", "1").id();
    assertThat(a).isEqualTo(b).hasSize(16);
    assertThat(new VersionHash().put("x", "1").put("y", "3").id()).isNotEqualTo(a);
    assertThat(new VersionHash().put("x1", "").put("y", "2").id())
        .isNotEqualTo(new VersionHash().put("x", "1").put("y", "2").id());
    assertThatThrownBy(() -> new VersionHash().put("x", "1").put("x", "2"))
        .hasMessageContaining("x was added twice");
  }

  @Test
  void fileHashFollowsContentAndAmgTextFollowsEveryOption() throws Exception {
    Path f = dir.resolve("m.pt");
    Files.writeString(f, "weights");
    String before = VersionHash.ofFile(f);
    Files.writeString(f, "weights!");
    assertThat(VersionHash.ofFile(f)).isNotEqualTo(before);

    String base = VersionHash.ofAmg(AmgOptions.defaults());
    assertThat(VersionHash.ofAmg(AmgOptions.defaults())).isEqualTo(base);
    assertThat(VersionHash.ofAmg(AmgOptions.builder().optPointsPerSide(16).build()))
        .isNotEqualTo(base);
    assertThat(VersionHash.ofAmg(AmgOptions.builder().optMinMaskRegionArea(5).build()))
        .isNotEqualTo(base);
  }
}
