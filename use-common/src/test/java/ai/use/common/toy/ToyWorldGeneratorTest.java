package ai.use.common.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToyWorldGeneratorTest {
  private static final ToyWorldSpec SMALL = ToyWorldSpec.small(11, 12, 8);

  @TempDir Path dir;

  @Test
  void sameSeedWritesIdenticalBytesInEveryFile() throws IOException {
    ToyWorldSummary first = ToyWorldGenerator.generate(SMALL, dir.resolve("a"));
    ToyWorldSummary second = ToyWorldGenerator.generate(SMALL, dir.resolve("b"));

    Map<String, String> a = hashTree(dir.resolve("a"));
    assertThat(a).hasSize(1 + 2 + 6 + 3 * (12 + 8));
    assertThat(hashTree(dir.resolve("b"))).isEqualTo(a);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anotherSeedDrawsOtherImages() throws IOException {
    ToyWorldGenerator.generate(SMALL, dir.resolve("a"));
    ToyWorldGenerator.generate(ToyWorldSpec.small(12, 12, 8), dir.resolve("b"));

    Map<String, String> a = hashTree(dir.resolve("a"));
    Map<String, String> b = hashTree(dir.resolve("b"));
    for (int i = 0; i < 12; i++) {
      String image = "images/train/" + ToySplit.TRAIN.fileName(i);
      assertThat(b.get(image)).as(image).isNotEqualTo(a.get(image));
    }
    assertThat(b.get("semantic/parts/classes.txt")).isEqualTo(a.get("semantic/parts/classes.txt"));
  }

  @Test
  void aSmallerWorldHoldsTheFirstImagesOfALargerOne() throws IOException {
    ToyWorldGenerator.generate(SMALL, dir.resolve("a"));
    ToyWorldGenerator.generate(ToyWorldSpec.small(11, 3, 2), dir.resolve("b"));

    Map<String, String> a = hashTree(dir.resolve("a"));
    Map<String, String> b = hashTree(dir.resolve("b"));
    for (String file : b.keySet()) {
      if (file.endsWith(".png")) {
        assertThat(b.get(file)).as(file).isEqualTo(a.get(file));
      }
    }
    assertThat(b.keySet()).filteredOn(f -> f.endsWith(".png")).hasSize(3 * 5);
  }

  @Test
  void summaryCountsWhatTheFilesHold() throws IOException {
    ToyWorldSummary summary = ToyWorldGenerator.generate(SMALL, dir);
    ObjectMapper mapper = new ObjectMapper();

    for (ToySplit split : ToySplit.values()) {
      ToyWorldSummary.Split counts = summary.split(split);
      JsonNode instances =
          mapper.readTree(dir.resolve("annotations/instances_" + split.label() + ".json").toFile());
      JsonNode captions =
          mapper.readTree(dir.resolve("annotations/captions_" + split.label() + ".json").toFile());
      JsonNode referring =
          mapper.readTree(dir.resolve("annotations/referring_" + split.label() + ".json").toFile());
      assertThat(counts.images())
          .isEqualTo(SMALL.images(split))
          .isEqualTo(instances.get("images").size());
      assertThat(counts.annotations())
          .isEqualTo(counts.objects() + counts.parts())
          .isEqualTo(instances.get("annotations").size())
          .isEqualTo(referring.get("annotations").size());
      assertThat(counts.captions())
          .isEqualTo(2 * counts.images())
          .isEqualTo(captions.get("annotations").size());
      int phrases = 0;
      for (JsonNode caption : captions.get("annotations")) {
        phrases += caption.get("phrases").size();
      }
      assertThat(counts.phrases()).isEqualTo(phrases);
      assertThat(counts.parts()).isBetween(2 * counts.objects(), 3 * counts.objects());
    }
  }

  @Test
  void objectCountsAreBalancedOverEveryBlockOfFourImages() {
    int[] counts = ToyWorldGenerator.objectCounts(5, ToySplit.HELDOUT, 60);

    for (int block = 0; block < 15; block++) {
      assertThat(Arrays.copyOfRange(counts, 4 * block, 4 * block + 4))
          .containsExactlyInAnyOrder(2, 3, 4, 5);
    }
    assertThat(IntStream.of(counts).sum()).isEqualTo(210);
    assertThat(ToyWorldGenerator.objectCounts(5, ToySplit.HELDOUT, 7))
        .containsExactly(Arrays.copyOf(counts, 7));
    assertThat(ToyWorldGenerator.objectCounts(5, ToySplit.TRAIN, 60)).isNotEqualTo(counts);
  }

  @Test
  void failsBeforeWritingWhenTheHeldoutSplitHasTooFewObjects() {
    long seed = 0;
    while (ToyWorldGenerator.objectCounts(seed, ToySplit.HELDOUT, 1)[0] == 5) {
      seed++;
    }
    int objects = ToyWorldGenerator.objectCounts(seed, ToySplit.HELDOUT, 1)[0];
    ToyWorldSpec spec = new ToyWorldSpec(1, seed, 2, 1, 320, 240, 5);
    Path root = dir.resolve("w");

    assertThatThrownBy(() -> ToyWorldGenerator.generate(spec, root))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the held-out split would have "
                + objects
                + " objects in 1 images but the spec asks for at least 5"
                + " (minHeldoutObjects): add held-out images or lower the minimum");
    assertThat(root).doesNotExist();
  }

  @Test
  void refusesANonEmptyRoot() throws IOException {
    Files.writeString(dir.resolve("stale.txt"), "x");

    assertThatThrownBy(() -> ToyWorldGenerator.generate(SMALL, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "toy world root " + dir + " is not empty: generate into a new or empty directory");
  }

  /** Relative path → SHA-256 of the bytes, for every file under {@code root}. */
  static Map<String, String> hashTree(Path root) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        hashes.put(
            root.relativize(file).toString().replace('\\', '/'),
            Hashing.sha256().hashBytes(Files.readAllBytes(file)).toString());
      }
    }
    return hashes;
  }
}
