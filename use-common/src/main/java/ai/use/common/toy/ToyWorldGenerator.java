package ai.use.common.toy;

import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates a toy world on disk (layout in {@code docs/toy-world.md}).
 *
 * <p>Deterministic: each image is drawn from its own {@link Random} seeded from (seed, split,
 * index), so it does not depend on any other image, and the JSON files have a fixed field order and
 * no timestamps. The object count of each image (2–5) comes from a seeded permutation of the split,
 * so every 4 consecutive permutation slots hold 2, 3, 4 and 5 objects and a split of {@code n}
 * images holds about {@code 3.5 n} objects (exactly {@code 3.5 n} when 4 divides n).
 */
public final class ToyWorldGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(ToyWorldGenerator.class);
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private ToyWorldGenerator() {}

  /**
   * Writes the toy world of {@code spec} under {@code root}, which must be absent or empty.
   *
   * @throws IllegalArgumentException when {@code root} is a non-empty directory or a file
   * @throws IllegalStateException when the held-out split would have fewer than {@code
   *     spec.minHeldoutObjects()} objects (checked before anything is written)
   */
  public static ToyWorldSummary generate(ToyWorldSpec spec, Path root) throws IOException {
    Preconditions.checkNotNull(spec, "spec");
    checkEmpty(root);
    checkHeldoutObjects(spec);
    long started = System.nanoTime();
    Files.createDirectories(root);
    CocoJsonWriter.writeSpec(root.resolve("spec.json"), spec);
    writeClasses(root.resolve("semantic/objects/classes.txt"), ToyCategories.objectClassNames());
    writeClasses(root.resolve("semantic/parts/classes.txt"), ToyCategories.partClassNames());
    Map<ToySplit, ToyWorldSummary.Split> splits = new EnumMap<>(ToySplit.class);
    for (ToySplit split : ToySplit.values()) {
      List<AnnotatedImage> images = generateSplit(spec, split, root);
      ToyWorldSummary.Split counts = count(images);
      Path annotations = root.resolve("annotations");
      CocoJsonWriter.writeInstances(
          annotations.resolve("instances_" + split.label() + ".json"), spec, split, images);
      CocoJsonWriter.writeCaptions(
          annotations.resolve("captions_" + split.label() + ".json"), images);
      CocoJsonWriter.writeReferring(
          annotations.resolve("referring_" + split.label() + ".json"), images);
      splits.put(split, counts);
    }
    ToyWorldSummary summary = new ToyWorldSummary(spec, splits);
    LOG.info(
        "toy world (spec_version {}, seed {}) written to {} in {} ms: {}",
        spec.specVersion(),
        spec.seed(),
        root,
        (System.nanoTime() - started) / 1_000_000,
        summary.splits());
    return summary;
  }

  /** Fails before anything is written when the held-out split would hold too few objects. */
  private static void checkHeldoutObjects(ToyWorldSpec spec) {
    int objects =
        IntStream.of(objectCounts(spec.seed(), ToySplit.HELDOUT, spec.heldoutImages())).sum();
    if (objects < spec.minHeldoutObjects()) {
      throw new IllegalStateException(
          String.format(
              "the held-out split would have %d objects in %d images but the spec asks for at least"
                  + " %d (minHeldoutObjects): add held-out images or lower the minimum",
              objects, spec.heldoutImages(), spec.minHeldoutObjects()));
    }
  }

  private static void checkEmpty(Path root) throws IOException {
    Preconditions.checkNotNull(root, "root");
    if (Files.exists(root)) {
      Preconditions.checkArgument(
          Files.isDirectory(root), "toy world root %s exists and is not a directory", root);
      try (Stream<Path> entries = Files.list(root)) {
        Preconditions.checkArgument(
            entries.findAny().isEmpty(),
            "toy world root %s is not empty: generate into a new or empty directory",
            root);
      }
    }
  }

  private static List<AnnotatedImage> generateSplit(ToyWorldSpec spec, ToySplit split, Path root)
      throws IOException {
    Path imageDir = root.resolve("images").resolve(split.label());
    Path objectDir = root.resolve("semantic/objects").resolve(split.label());
    Path partDir = root.resolve("semantic/parts").resolve(split.label());
    for (Path dir : List.of(imageDir, objectDir, partDir)) {
      Files.createDirectories(dir);
    }
    int[] objectCounts = objectCounts(spec.seed(), split, spec.images(split));
    try {
      return IntStream.range(0, objectCounts.length)
          .parallel()
          .mapToObj(
              index -> {
                Random random = new Random(imageSeed(spec.seed(), split, index));
                Scene scene =
                    SceneSampler.sample(spec.width(), spec.height(), objectCounts[index], random);
                String fileName = split.fileName(index);
                writePng(imageDir.resolve(fileName), ScenePainter.paint(scene, random));
                writePng(objectDir.resolve(fileName), LabelMaps.objects(scene));
                writePng(partDir.resolve(fileName), LabelMaps.parts(scene));
                int imageId = index + 1;
                List<ObjectAnnotations> objects = SceneAnnotator.annotate(scene, imageId);
                return new AnnotatedImage(
                    imageId, fileName, scene, objects, CaptionWriter.captions(imageId, objects));
              })
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The seed of one image, a mix of (seed, split, index). */
  static long imageSeed(long seed, ToySplit split, int index) {
    return mix(mix(mix(seed) + split.ordinal() * GOLDEN_GAMMA) + index);
  }

  /**
   * Object counts of the first {@code images} images of a split. Images come in blocks of 4 that
   * hold 2, 3, 4 and 5 objects in an order drawn from (seed, split, block), so an image's count
   * depends only on (seed, split, index) and every full block holds 14 objects.
   */
  static int[] objectCounts(long seed, ToySplit split, int images) {
    int choices = ToyWorldSpec.MAX_OBJECTS_PER_IMAGE - ToyWorldSpec.MIN_OBJECTS_PER_IMAGE + 1;
    int[] counts = new int[images];
    for (int block = 0; block * choices < images; block++) {
      int[] order = IntStream.range(0, choices).toArray();
      Random random = new Random(imageSeed(seed, split, -1 - block));
      for (int i = choices - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int i = 0; i < choices && block * choices + i < images; i++) {
        counts[block * choices + i] = ToyWorldSpec.MIN_OBJECTS_PER_IMAGE + order[i];
      }
    }
    return counts;
  }

  /** SplitMix64's finalizer. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void writePng(Path file, BufferedImage image) {
    try (OutputStream out = Files.newOutputStream(file)) {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer for image type " + image.getType());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void writeClasses(Path file, List<String> names) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", names) + "\n");
  }

  private static ToyWorldSummary.Split count(List<AnnotatedImage> images) {
    int objects = 0;
    int parts = 0;
    int captions = 0;
    int phrases = 0;
    for (AnnotatedImage image : images) {
      objects += image.objects().size();
      for (ObjectAnnotations object : image.objects()) {
        parts += object.parts().size();
      }
      captions += image.captions().size();
      for (ToyCaption caption : image.captions()) {
        phrases += caption.phrases().size();
      }
    }
    return new ToyWorldSummary.Split(
        images.size(), objects, parts, objects + parts, captions, phrases);
  }
}
