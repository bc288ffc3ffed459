package ai.use.model.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.spec.ModelLoadException;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading validates file, sidecar, input schema and (for cheap roles) a probe; messages name all.
 */
class ModelLoaderTest {
  @TempDir Path tmp;

  static Path fixture(String name) {
    try {
      return Path.of(ModelLoaderTest.class.getResource("/models/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LoadedModel load(ModelRole role, Path file) {
    return ModelLoader.load(
        new ModelSpec(role, file.toString()), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  @AfterAll
  static void closeModels() {
    ModelCache.closeAll();
  }

  @Test
  void loadsAValidModelWithItsSidecar() {
    try (LoadedModel model = load(ModelRole.CLIP_TEXT, fixture("tiny-text.pt"))) {
      assertThat(model.sidecar().role()).isEqualTo(ModelRole.CLIP_TEXT);
      assertThat(model.sidecar().contextLength()).isEqualTo(6);
      assertThat(model.sidecar().outputWidth()).isEqualTo(8);
      assertThat(model.device()).isEqualTo(Device.cpu());
    }
  }

  @Test
  void missingFileNamesRoleFileAndKey() {
    Path missing = tmp.resolve("nothing.pt");
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, missing))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "clip-text model "
                + missing
                + ": file does not exist; check spark.use.model.clipText (or export the model)");
  }

  @Test
  void missingSidecarIsNamed() throws Exception {
    Path copy = tmp.resolve("lonely.pt");
    Files.copy(fixture("tiny-text.pt"), copy);
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, copy))
        .hasMessageContaining("clip-text model " + copy)
        .hasMessageContaining("sidecar " + tmp.resolve("lonely.json") + " does not exist");
  }

  @Test
  void corruptFileIsNotTorchScript() {
    Path corrupt = fixture("corrupt.pt");
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, corrupt))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(
            "clip-text model " + corrupt + ": is not a loadable TorchScript file (")
        .hasMessageEndingWith("); re-export it with torch.jit.save");
  }

  @Test
  void modelOfAnotherRoleIsRejected() {
    Path decoder = fixture("tiny-decoder.pt");
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, decoder))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "clip-text model " + decoder + ": sidecar role: expected clip-text, found sam-decoder");
  }

  @Test
  void sidecarThatContradictsTheFileIsCaughtByTheProbe() {
    Path file = fixture("text-wrong-width.pt");
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "clip-text model "
                + file
                + ": output 0 text embedding [B, output_width] (sidecar):"
                + " expected (2, 16), found (2, 8)");
  }

  @Test
  void fileWithTheWrongInputSchemaIsRejected() throws Exception {
    Path file = tmp.resolve("text-as-decoder.pt");
    Files.copy(fixture("tiny-text.pt"), file);
    Files.writeString(
        tmp.resolve("text-as-decoder.json"),
        "{\"role\": \"sam-decoder\", \"format_version\": 1, \"num_masks\": 4, \"mask_size\": 256}");
    assertThatThrownBy(() -> load(ModelRole.SAM_DECODER, file))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageStartingWith(
            "sam-decoder model " + file + ": TorchScript forward inputs: expected 3, found 1");
  }

  @Test
  void incompleteSidecarListsWhatIsMissing() throws Exception {
    Path file = tmp.resolve("bare.pt");
    Files.copy(fixture("tiny-text.pt"), file);
    Files.writeString(tmp.resolve("bare.json"), "{\"role\": \"clip-text\", \"format_version\": 1}");
    assertThatThrownBy(() -> load(ModelRole.CLIP_TEXT, file))
        .hasMessage(
            "clip-text model "
                + file
                + ": sidecar lacks or has invalid context_length, tokenizer, output_width");
  }

  @Test
  void cacheLoadsOncePerUriAndDevice() {
    ModelSpec spec = new ModelSpec(ModelRole.CLIP_TEXT, fixture("tiny-text.pt").toString());
    LoadedModel first = ModelCache.get(spec, Device.cpu(), LocalModelFetcher.INSTANCE);
    LoadedModel second = ModelCache.get(spec, Device.cpu(), LocalModelFetcher.INSTANCE);
    assertThat(second).isSameAs(first);
  }

  @Test
  void textEncoderTokenizesPadsAndEmbedsInBatches() {
    ModelSpec spec = new ModelSpec(ModelRole.CLIP_TEXT, fixture("tiny-text.pt").toUri().toString());
    LoadedModel model = ModelCache.get(spec, Device.cpu(), LocalModelFetcher.INSTANCE);
    try (ClipTextEncoder encoder = new ClipTextEncoder(model, 2)) {
      assertThat(encoder.tokenizer().tokens("A Red circle")).containsExactly("a", "red", "circle");
      long[] ids =
          encoder
              .tokenizer()
              .encode(List.of("a red circle", "the blue square of the red circle top"));
      assertThat(ids).hasSize(12);
      assertThat(java.util.Arrays.copyOfRange(ids, 0, 6)).containsExactly(2, 4, 6, 0, 0, 0);
      assertThat(java.util.Arrays.copyOfRange(ids, 6, 12)).containsExactly(3, 5, 7, 9, 3, 4);
      float[][] batched = encoder.embed(List.of("a red circle", "blue square", "red circle"));
      float[][] single = encoder.embed(List.of("blue square"));
      assertThat(batched).hasNumberOfRows(3);
      assertThat(batched[1]).hasSize(8);
      for (int i = 0; i < 8; i++) {
        assertThat(batched[1][i])
            .isCloseTo(single[0][i], org.assertj.core.api.Assertions.within(1e-6f));
      }
    }
  }
}
