package ai.use.model.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadArtifactTest {
  private static final HeadConfig CONFIG = new HeadConfig(HeadFixtures.DIMS, 7, true, true, false);

  private static HeadArtifact artifact(float[] w, Map<String, String> info) {
    return new HeadArtifact(CONFIG, w, 1e-5f, 1e-6f, info);
  }

  @Test
  void writeThenLoadGivesTheSameHeadBitForBit(@TempDir Path dir) {
    float[] w = HeadFixtures.weights(CONFIG, 3);
    HeadArtifact a = artifact(w, Map.of("template", "a photo of a {colour} {shape}.", "b", "x"));
    a.write(dir);
    assertThat(dir.resolve(HeadArtifact.PARAMS)).isRegularFile();
    HeadArtifact b = HeadArtifact.load(dir);
    assertThat(b.weights()).containsExactly(w);
    assertThat(b.config()).isEqualTo(CONFIG);
    assertThat(b.clipEps()).isEqualTo(1e-5f);
    assertThat(b.dinoEps()).isEqualTo(1e-6f);
    assertThat(b.info()).containsEntry("template", "a photo of a {colour} {shape}.");
    assertThat(b.version()).isEqualTo(a.version()).startsWith("head-").hasSize(21);
  }

  @Test
  void versionIsAContentHash(@TempDir Path dir) throws IOException {
    float[] w = HeadFixtures.weights(CONFIG, 4);
    String v = artifact(w, Map.of()).version();
    assertThat(artifact(w.clone(), Map.of()).version()).isEqualTo(v);
    float[] changed = w.clone();
    changed[17] = Math.nextUp(changed[17]);
    assertThat(artifact(changed, Map.of()).version()).isNotEqualTo(v);
    assertThat(artifact(w, Map.of("run", "2")).version()).isNotEqualTo(v);
    artifact(w, Map.of()).write(dir);
    assertThat(Files.readString(dir.resolve(HeadArtifact.JSON))).contains("\"version\" : \"" + v);
  }

  @Test
  void modifiedOrMixedFilesAreRejected(@TempDir Path dir) throws IOException {
    artifact(HeadFixtures.weights(CONFIG, 5), Map.of()).write(dir.resolve("a"));
    artifact(HeadFixtures.weights(CONFIG, 6), Map.of()).write(dir.resolve("b"));
    Files.copy(
        dir.resolve("b/" + HeadArtifact.PARAMS),
        dir.resolve("a/" + HeadArtifact.PARAMS),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> HeadArtifact.load(dir.resolve("a")))
        .hasMessageContaining("was modified or mixes files of two heads");
    Path json = dir.resolve("b/" + HeadArtifact.JSON);
    Files.writeString(
        json,
        Files.readString(json).replace("\"hidden_width\" : 7", "\"hidden_width\" : 8"),
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> HeadArtifact.load(dir.resolve("b")))
        .hasMessageContaining(HeadArtifact.PARAMS);
    assertThatThrownBy(() -> HeadArtifact.load(dir.resolve("missing")))
        .hasMessageContaining("cannot read the head at")
        .hasMessageContaining("head.json");
  }
}
