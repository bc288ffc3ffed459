package ai.use.jobs.label;

import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * A tiny toy world for the label tests, with the toy vocabulary (classes numbered as the toy
 * world's object label maps) and prompt templates in the toy text model's words.
 */
final class LabelTestWorld {
  /** Object classes in the toy world's class order (label-map values 1..4). */
  static final String VOCAB = "# toy object classes\ncircle\nsquare\ntriangle\ndiamond\n";

  static final String COLOURS = "red\ngreen\nblue\nyellow\npurple\norange\n";

  static final String TEMPLATES = "a {}\nthe {}\na picture of a {}\na scene with a {}\n";

  final Path root;
  final List<Path> images;
  final Path vocab;
  final Path colours;
  final Path templates;

  private LabelTestWorld(Path root, List<Path> images) {
    this.root = root;
    this.images = images;
    this.vocab = write(root.resolve("vocab.txt"), VOCAB);
    this.colours = write(root.resolve("colours.txt"), COLOURS);
    this.templates = write(root.resolve("templates.txt"), TEMPLATES);
  }

  /** A world of {@code n} train images (320 × 240) under {@code root}. */
  static LabelTestWorld generate(Path root, long seed, int n) {
    try {
      ToyWorldGenerator.generate(ToyWorldSpec.small(seed, n, 1), root.resolve("toy"));
      try (var files = Files.list(root.resolve("toy/images/train"))) {
        return new LabelTestWorld(root, files.sorted().toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies images {@code from..to-1} into {@code dir} (the corpus "arriving"). */
  void arrive(Path dir, int from, int to) {
    try {
      Files.createDirectories(dir);
      for (Path image : images.subList(from, to)) {
        Files.copy(image, dir.resolve(image.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mask generation for tests: 36 prompts per image (~10 s per image on the toy SAM here). */
  static final AmgFlags AMG = new AmgFlags(AmgFlags.TOY, 6, null, null, null, null, null, 64);

  /** Writes a uniform grey 320 × 240 PNG (the toy SAM finds no segment in it) into {@code dir}. */
  static Path grey(Path dir, String name) {
    java.awt.image.BufferedImage image =
        new java.awt.image.BufferedImage(320, 240, java.awt.image.BufferedImage.TYPE_3BYTE_BGR);
    java.awt.Graphics2D g = image.createGraphics();
    g.setColor(new java.awt.Color(128, 128, 124));
    g.fillRect(0, 0, 320, 240);
    g.dispose();
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      javax.imageio.ImageIO.write(image, "png", file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options of a nightly clip-dense run with the toy vocabulary. */
  LabelOptions night(String images, String out, LocalDate date, boolean maps) {
    return new LabelOptions(
        images,
        out,
        date,
        vocab.toUri().toString(),
        templates.toUri().toString(),
        null,
        "clip-dense",
        maps,
        false,
        3,
        100,
        AMG);
  }

  /** The distinct model versions of the current view (latest manifest row per image). */
  static List<String> currentModelVersions(org.apache.spark.sql.SparkSession spark, String out) {
    return LabelManifest.currentSegments(spark, out)
        .select("model_version")
        .distinct()
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  /**
   * Writes an untrained USE head for the toy zoo (seeded initial weights) into {@code dir}: a real
   * head artifact with the toy backbones' widths.
   */
  static Path untrainedHead(Path dir) {
    var cpu = ai.djl.Device.cpu();
    var fetcher = ai.use.model.runtime.LocalModelFetcher.INSTANCE;
    var clip =
        ai.use.model.runtime.ModelCache.get(
                ai.use.model.zoo.ToyZoo.spec(ai.use.model.spec.ModelRole.CLIP_IMAGE), cpu, fetcher)
            .sidecar();
    var dino =
        ai.use.model.runtime.ModelCache.get(
                ai.use.model.zoo.ToyZoo.spec(ai.use.model.spec.ModelRole.DINOV2), cpu, fetcher)
            .sidecar();
    var text =
        ai.use.model.runtime.ModelCache.get(
                ai.use.model.zoo.ToyZoo.spec(ai.use.model.spec.ModelRole.CLIP_TEXT), cpu, fetcher)
            .sidecar();
    var config =
        ai.use.model.head.HeadConfig.full(ai.use.model.head.HeadDims.of(clip, dino, text), 32);
    new ai.use.model.head.HeadArtifact(
            config,
            ai.use.model.head.UseHead.initialWeights(config, 5),
            ai.use.model.head.FeaturePooling.epsFor(clip),
            ai.use.model.head.FeaturePooling.epsFor(dino),
            java.util.Map.of("made_by", "LabelTestWorld"))
        .write(dir);
    return dir;
  }

  /** Options of a nightly run with the head at {@code head} and the toy vocabulary. */
  LabelOptions nightWithHead(String images, String out, LocalDate date, String head) {
    return new LabelOptions(
        images,
        out,
        date,
        vocab.toUri().toString(),
        templates.toUri().toString(),
        head,
        null,
        false,
        false,
        3,
        100,
        AMG);
  }

  /** Options of a relabel run with {@code vocabFile}. */
  LabelOptions relabel(String images, String out, Path vocabFile, boolean maps) {
    return new LabelOptions(
        images,
        out,
        LocalDate.of(2026, 1, 1),
        vocabFile.toUri().toString(),
        templates.toUri().toString(),
        null,
        null,
        maps,
        true,
        3,
        100,
        AMG);
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
