package ai.use.model.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.grounding.Grounder;
import ai.use.model.grounding.ScoredBox;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelLoader;
import ai.use.model.runtime.TorchScriptSchema;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamOutput;
import ai.use.model.sam.SamPrompt;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.spec.Sidecar;
import ai.use.model.vit.VitEncoder;
import ai.use.model.vit.VitFeatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export scripts of {@code tools/export/} write files the Java side accepts: runs their Python
 * tests (Debian's {@code /usr/bin/python3} with torch), which export all six roles from stand-in
 * backbones into a folder, then loads each file through {@link ModelLoader} (sidecar, TorchScript
 * input schema, probe) and runs it through its adapter. Skipped, with the reason, only where {@code
 * /usr/bin/python3} cannot import torch.
 */
class ExportedModelsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  @TempDir static Path out;
  private static final Map<ModelRole, LoadedModel> MODELS = new EnumMap<>(ModelRole.class);
  private static String pythonLog;

  @BeforeAll
  static void exportWithStandIns() throws Exception {
    assumeTrue(
        pythonHasTorch(),
        "/usr/bin/python3 with torch is absent (apt-get install -y python3-torch): the export"
            + " scripts' tests cannot run here");
    Path root = Path.of(System.getProperty("use.repo.root", "..")).toAbsolutePath().normalize();
    ProcessBuilder pb =
        new ProcessBuilder(
                PYTHON.toString(),
                "-W",
                "ignore",
                "-m",
                "unittest",
                "discover",
                "-s",
                "tools/export/tests",
                "-v")
            .directory(root.toFile())
            .redirectErrorStream(true);
    pb.environment().put("USE_EXPORT_OUT", out.toString());
    pb.environment().put("OMP_NUM_THREADS", "1");
    Process p = pb.start();
    byte[] log = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("python tests finish").isTrue();
    pythonLog = new String(log, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("tools/export python tests:%n%s", pythonLog).isZero();
    for (ModelRole role : ModelRole.values()) {
      ModelSpec spec = new ModelSpec(role, out.resolve(role.id() + ".pt").toString());
      MODELS.put(role, ModelLoader.load(spec, Device.cpu(), LocalModelFetcher.INSTANCE));
    }
  }

  @AfterAll
  static void close() {
    MODELS.values().forEach(LoadedModel::close);
    MODELS.clear();
  }

  private static boolean pythonHasTorch() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import torch")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static BufferedImage scene(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillRect(width / 4, height / 4, width / 3, height / 3);
    g.dispose();
    return image;
  }

  @Test
  void pythonRanEveryExportTest() {
    assertThat(pythonLog).contains("test_every_sidecar_has_what_the_java_validator_requires");
    assertThat(pythonLog)
        .containsPattern("Ran \\d+ tests")
        .containsPattern("\nOK( \\(skipped=\\d+\\))?\n$");
    // only the checks against the real libraries (absent here) may skip
    assertThat(pythonLog.lines().filter(l -> l.contains(" ... skipped")).toList())
        .allSatisfy(l -> assertThat(l).contains("test_real_libraries"));
  }

  @Test
  void sidecarsLoadWithTheValuesTheScriptsWrote() {
    Sidecar clip = MODELS.get(ModelRole.CLIP_IMAGE).sidecar();
    assertThat(clip.sourceCheckpoint()).isEqualTo("stand-in CLIPModel");
    assertThat(clip.toyWorldSeed()).isZero();
    assertThat(clip.selectedBlocks()).containsExactly(2, 3);
    assertThat(new int[] {clip.inputSize(), clip.patchSize(), clip.grid()})
        .containsExactly(28, 7, 4);
    assertThat(new int[] {clip.hiddenWidth(), clip.outputWidth()}).containsExactly(16, 12);
    Sidecar dino = MODELS.get(ModelRole.DINOV2).sidecar();
    assertThat(dino.selectedBlocks()).containsExactly(1, 3, 4);
    assertThat(dino.patchTokens()).isEqualTo(16);
    Sidecar decoder = MODELS.get(ModelRole.SAM_DECODER).sidecar();
    assertThat(new int[] {decoder.numMasks(), decoder.maskSize()}).containsExactly(4, 256);
    Sidecar grounder = MODELS.get(ModelRole.GROUNDER).sidecar();
    assertThat(grounder.tokenizer()).isEqualTo("grounder.tokenizer.json");
    assertThat(new int[] {grounder.boxesPerQuery(), grounder.contextLength()})
        .containsExactly(3, 8);
  }

  @Test
  void torchScriptForwardDeclaresTheContractsInputs() throws IOException {
    Map<ModelRole, List<String>> names =
        Map.of(
            ModelRole.CLIP_IMAGE, List.of("pixels"),
            ModelRole.DINOV2, List.of("pixels"),
            ModelRole.CLIP_TEXT, List.of("ids"),
            ModelRole.SAM_ENCODER, List.of("image"),
            ModelRole.SAM_DECODER, List.of("embedding", "coords", "labels"),
            ModelRole.GROUNDER, List.of("image", "ids"));
    for (ModelRole role : ModelRole.values()) {
      List<TorchScriptSchema.Input> inputs =
          TorchScriptSchema.forwardInputs(out.resolve(role.id() + ".pt")).orElseThrow();
      assertThat(inputs).as("%s forward", role).hasSize(role.inputCount());
      assertThat(inputs.stream().map(TorchScriptSchema.Input::name).toList())
          .as("%s forward", role)
          .isEqualTo(names.get(role));
      assertThat(inputs).allSatisfy(i -> assertThat(i.type()).isEqualTo("Tensor"));
    }
  }

  @Test
  void vitBackbonesGiveTheSidecarsShapesWithRegistersDropped() {
    List<BufferedImage> images = List.of(scene(40, 30), scene(30, 50));
    for (ModelRole role : List.of(ModelRole.CLIP_IMAGE, ModelRole.DINOV2)) {
      Sidecar s = MODELS.get(role).sidecar();
      try (VitEncoder encoder = new VitEncoder(MODELS.get(role), 2)) {
        VitFeatures f = encoder.encode(images).get(1);
        assertThat(f.blocks()).as("%s blocks", role).isEqualTo(s.selectedBlocks().length);
        assertThat(f.tokens()).as("%s tokens", role).isEqualTo(1 + s.patchTokens());
        assertThat(f.hidden()).hasSize(f.blocks() * f.tokens() * s.hiddenWidth());
        assertThat(f.dense())
            .hasSize(role == ModelRole.CLIP_IMAGE ? f.tokens() * s.outputWidth() : 0);
        for (float v : f.hidden()) {
          assertThat(Math.abs(v))
              .as("%s: no register token (>= 1000) leaks", role)
              .isLessThan(500f);
        }
      }
    }
  }

  @Test
  void clipTextThroughTheJavaTokenizerMatchesPython() throws IOException {
    JsonNode expected =
        new ObjectMapper().readTree(out.resolve("expected-clip-text.json").toFile());
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.asText()));
    try (ClipTextEncoder encoder = new ClipTextEncoder(MODELS.get(ModelRole.CLIP_TEXT), 2)) {
      assertThat(encoder.tokenizer().tokens(texts.get(2)))
          .containsExactly("<|startoftext|>", "dog", "<|endoftext|>");
      float[][] got = encoder.embed(texts);
      for (int i = 0; i < texts.size(); i++) {
        JsonNode want = expected.get("embeddings").get(i);
        assertThat(got[i]).hasSize(want.size());
        for (int d = 0; d < want.size(); d++) {
          assertThat(got[i][d])
              .as("%s [%d]", texts.get(i), d)
              .isCloseTo((float) want.get(d).asDouble(), within(1e-5f));
        }
      }
    }
  }

  @Test
  void samEncoderAndDecoderRunThroughTheAdapters() {
    try (SamEncoder encoder = new SamEncoder(MODELS.get(ModelRole.SAM_ENCODER));
        SamDecoder decoder = new SamDecoder(MODELS.get(ModelRole.SAM_DECODER));
        NDManager manager = NDManager.newBaseManager()) {
      SamOutput result =
          decoder.decode(
              encoder.encode(scene(320, 240), manager),
              List.of(SamPrompt.box(80, 60, 186, 140), SamPrompt.point(120, 100)));
      assertThat(result.prompts()).isEqualTo(2);
      assertThat(result.masks()).isEqualTo(4);
      assertThat(result.mask(1, result.best(1), 0f).width()).isEqualTo(320);
    }
  }

  @Test
  void grounderGivesBoxesPerPhraseInsideTheImage() {
    try (Grounder grounder = new Grounder(MODELS.get(ModelRole.GROUNDER))) {
      List<List<ScoredBox>> boxes =
          grounder.ground(scene(64, 48), List.of("a red circle", "the dog", "handle", "cat"));
      assertThat(boxes).hasSize(4).allSatisfy(b -> assertThat(b).hasSize(3));
      for (List<ScoredBox> perPhrase : boxes) {
        for (ScoredBox b : perPhrase) {
          assertThat(b.x1()).isBetween(b.x0(), 64.0);
          assertThat(b.y1()).isBetween(b.y0(), 48.0);
          assertThat(b.score()).isBetween(0.0, 1.0);
        }
      }
    }
  }
}
