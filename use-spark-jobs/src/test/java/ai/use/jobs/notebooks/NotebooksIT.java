package ai.use.jobs.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.export.TableExport;
import ai.use.jobs.testing.SharedDemo;
import ai.use.jobs.testing.SharedSpark;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes every notebook in {@code notebooks/} headlessly (Debian's {@code jupyter nbconvert},
 * Python kernel) on the shared demo's exported tables and checks each draws non-blank pictures and
 * raises no error. {@code .ci/run} installs Jupyter; without it these tests are skipped and say so.
 */
class NotebooksIT {
  private static final Path NOTEBOOKS =
      Path.of(System.getProperty("use.repo.root", ".")).resolve("notebooks");

  @TempDir static Path work;
  private static Path export;

  @BeforeAll
  static void exportDemoTables() {
    Assumptions.assumeTrue(
        jupyterAvailable(),
        "jupyter nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient"
            + " python3-ipykernel python3-matplotlib; .ci/run does it)");
    export = work.resolve("export");
    TableExport.run(SharedSpark.get(), SharedDemo.output(), export);
  }

  @Test
  void helperModuleUnitTestsPass() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "-v", "test_usenb")
            .directory(NOTEBOOKS.toFile())
            .redirectErrorStream(true);
    String golden = System.getProperty("use.golden.dir");
    if (golden != null) {
      pb.environment().put("USE_GOLDEN_DIR", golden);
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("OK");
  }

  @TestFactory
  Stream<DynamicTest> everyNotebookRunsAndDrawsPictures() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertThat(notebooks).isNotEmpty();
    return notebooks.stream()
        .map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
  }

  private static void execute(Path notebook) throws Exception {
    Path outDir = work.resolve("executed");
    ProcessBuilder pb =
        new ProcessBuilder(
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--ExecutePreprocessor.timeout=300",
                "--output-dir",
                outDir.toString(),
                notebook.toString())
            .redirectErrorStream(true);
    pb.environment().put("USE_EXPORT", export.toString());
    pb.environment().put("USE_DEMO", SharedDemo.output().toString());
    pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
    Process p = pb.start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("nbconvert finished").isTrue();
    assertThat(p.exitValue()).as("nbconvert on %s:%n%s", notebook, log).isZero();

    JsonNode executed =
        new ObjectMapper().readTree(outDir.resolve(notebook.getFileName()).toFile());
    List<BufferedImage> pictures = new ArrayList<>();
    for (JsonNode cell : executed.get("cells")) {
      for (JsonNode output : cell.path("outputs")) {
        assertThat(output.path("output_type").asText())
            .as("an output of %s: %s", notebook.getFileName(), output)
            .isNotEqualTo("error");
        JsonNode png = output.path("data").path("image/png");
        if (!png.isMissingNode()) {
          byte[] bytes = Base64.getMimeDecoder().decode(png.asText());
          pictures.add(ImageIO.read(new ByteArrayInputStream(bytes)));
        }
      }
    }
    assertThat(pictures).as("pictures drawn by %s", notebook.getFileName()).isNotEmpty();
    for (BufferedImage picture : pictures) {
      assertThat(picture).isNotNull();
      assertThat(distinctColours(picture)).as("colours in a picture").isGreaterThan(8);
    }
  }

  private static long distinctColours(BufferedImage image) {
    return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth()) & 0xFFFFFF)
        .distinct()
        .limit(1000)
        .count();
  }

  private static boolean jupyterAvailable() {
    try {
      Process p = new ProcessBuilder("jupyter", "nbconvert", "--version").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
