package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.use.common.coco.CocoAnnotation;
import ai.use.common.coco.CocoDataset;
import ai.use.common.coco.CocoImage;
import ai.use.common.coco.CocoReader;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.mask.Rle;
import ai.use.common.toy.ToyColour;
import ai.use.common.toy.ToyShape;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.head.FeaturePooling;
import ai.use.model.head.HeadConfig;
import ai.use.model.head.HeadDims;
import ai.use.model.head.NormalizedTokens;
import ai.use.model.head.PooledFeatures;
import ai.use.model.head.UseEmbedder;
import ai.use.model.head.UseHead;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.vit.VitEncoder;
import ai.use.model.vit.VitFeatures;
import ai.use.model.zoo.ToyZoo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model-level learning check (issue 7): on ground-truth object segments of a small toy world,
 * with features from the toy clip-image and dinov2 through {@link VitEncoder} and the shared
 * pooling, and class texts from the toy clip-text of the template {@value #TEMPLATE}, a trained
 * head names held-out objects (colour × shape, 24 classes) with top-1 ≥ 0.8 and the untrained head
 * does not (≤ 0.3).
 */
class ToyWorldLearningTest {
  /** The one prompt template of the vocabulary. */
  static final String TEMPLATE = "a photo of a {colour} {shape}.";

  private static LoadedModel model(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  /** Vocabulary in colour-major order; class index = colour.ordinal() * 4 + shape.ordinal(). */
  private static List<String> vocabulary() {
    List<String> out = new ArrayList<>();
    for (ToyColour c : ToyColour.values()) {
      for (ToyShape s : ToyShape.values()) {
        out.add(TEMPLATE.replace("{colour}", c.label()).replace("{shape}", s.label()));
      }
    }
    return out;
  }

  /** Class of an object annotation from its text ("red circle"). */
  private static int classOf(CocoAnnotation a) {
    String[] words = a.text().split(" ");
    int colour = -1;
    int shape = -1;
    for (ToyColour c : ToyColour.values()) {
      if (c.label().equals(words[0])) {
        colour = c.ordinal();
      }
    }
    for (ToyShape s : ToyShape.values()) {
      if (s.label().equals(words[1])) {
        shape = s.ordinal();
      }
    }
    assertThat(colour).as("colour of %s", a.text()).isNotNegative();
    assertThat(shape).as("shape of %s", a.text()).isNotNegative();
    return colour * ToyShape.values().length + shape;
  }

  /** Ground-truth object segments of one split with their pooled features and classes. */
  private record Segments(List<PooledFeatures> features, List<Integer> classes) {}

  private static Segments segments(Path world, String split, VitEncoder clip, VitEncoder dino)
      throws IOException {
    CocoDataset instances;
    try (InputStream in =
        Files.newInputStream(world.resolve("annotations/instances_" + split + ".json"))) {
      instances = CocoReader.readInstances(in, split);
    }
    FeaturePooling clipPooling = FeaturePooling.forBackbone(model(ModelRole.CLIP_IMAGE).sidecar());
    FeaturePooling dinoPooling = FeaturePooling.forBackbone(model(ModelRole.DINOV2).sidecar());
    ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
    var byImage = instances.annotationsByImage();
    List<PooledFeatures> features = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    for (CocoImage image : instances.images().values()) {
      BufferedImage decoded =
          decoder
              .decode(
                  Files.readAllBytes(world.resolve("images/" + split + "/" + image.fileName())),
                  image.fileName(),
                  ExifPolicy.IGNORE)
              .image();
      VitFeatures c = clip.encode(List.of(decoded)).get(0);
      VitFeatures d = dino.encode(List.of(decoded)).get(0);
      NormalizedTokens nc = clipPooling.normalize(c);
      NormalizedTokens nd = dinoPooling.normalize(d);
      for (CocoAnnotation a : byImage.get(image.id())) {
        if (a.parentId() != null) {
          continue; // parts
        }
        Rle rle = a.segmentation().toRle(image.height(), image.width());
        features.add(FeaturePooling.pooled(nc, nd, rle));
        classes.add(classOf(a));
      }
    }
    return new Segments(features, classes);
  }

  @Test
  void trainedHeadNamesHeldOutObjectsUntrainedHeadDoesNot(@TempDir Path dir) throws IOException {
    Path world = dir.resolve("toy");
    ToyWorldGenerator.generate(ToyWorldSpec.small(42, 40, 16), world);
    LoadedModel clipImage = model(ModelRole.CLIP_IMAGE);
    LoadedModel dinov2 = model(ModelRole.DINOV2);
    LoadedModel clipText = model(ModelRole.CLIP_TEXT);
    Segments train;
    Segments heldOut;
    long f0 = System.nanoTime();
    try (VitEncoder clip = new VitEncoder(clipImage, 1);
        VitEncoder dino = new VitEncoder(dinov2, 1)) {
      train = segments(world, "train", clip, dino);
      heldOut = segments(world, "heldout", clip, dino);
    }
    double featureSeconds = (System.nanoTime() - f0) / 1e9;
    List<String> vocab = vocabulary();
    float[][] classTexts;
    try (ClipTextEncoder text = new ClipTextEncoder(clipText, 24)) {
      classTexts = text.embed(vocab);
    }
    HeadDims dims = HeadDims.of(clipImage.sidecar(), dinov2.sidecar(), clipText.sidecar());
    HeadConfig config = HeadConfig.full(dims, 64);
    List<TrainingExample> examples = new ArrayList<>();
    for (int i = 0; i < train.features().size(); i++) {
      int c = train.classes().get(i);
      examples.add(
          new TrainingExample(
              train.features().get(i), new float[][] {classTexts[c]}, new long[] {c}));
    }
    int[] labels = heldOut.classes().stream().mapToInt(Integer::intValue).toArray();
    float[] initial = UseHead.initialWeights(config, 1);
    TrainOptions options = new TrainOptions(7, 250, 32, 3e-3f, 1e-2f);
    double untrained;
    double trained;
    double loss;
    try (UseEmbedder e = UseEmbedder.of(config, initial, 1e-5f, 1e-5f)) {
      untrained = TopOneAccuracy.of(e, heldOut.features(), labels, classTexts);
    }
    long t0 = System.nanoTime();
    RoundResult result =
        LocalRound.run(config, initial, AdamWState.initial(initial.length), examples, options);
    double seconds = (System.nanoTime() - t0) / 1e9;
    try (UseEmbedder e = UseEmbedder.of(config, result.weights(), 1e-5f, 1e-5f)) {
      trained = TopOneAccuracy.of(e, heldOut.features(), labels, classTexts);
    }
    loss = result.meanLoss();
    System.out.printf(
        "toy world head: %d train / %d held-out object segments, %d classes, template \"%s\";"
            + " untrained top-1 %.3f, trained top-1 %.3f after %d steps of %d (mean loss %.3f,"
            + " %.0f segments/s; features %.1f s)%n",
        examples.size(),
        labels.length,
        vocab.size(),
        TEMPLATE,
        untrained,
        trained,
        options.steps(),
        options.batchSize(),
        loss,
        result.segments() / seconds,
        featureSeconds);
    assertThat(untrained).isLessThanOrEqualTo(0.3);
    assertThat(trained).isGreaterThanOrEqualTo(0.8);
  }
}
