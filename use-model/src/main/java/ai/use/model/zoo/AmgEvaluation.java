package ai.use.model.zoo;

import ai.djl.ndarray.NDManager;
import ai.use.common.coco.CocoAnnotation;
import ai.use.common.coco.CocoDataset;
import ai.use.common.coco.CocoImage;
import ai.use.common.coco.CocoReader;
import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.toy.ToyColour;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.amg.AmgOptions;
import ai.use.model.sam.amg.AmgTimings;
import ai.use.model.sam.amg.MaskGeneration;
import ai.use.model.sam.amg.MaskRecord;
import ai.use.model.sam.amg.SamCropEncoder;
import ai.use.model.sam.amg.Segmentation;
import com.google.common.base.Preconditions;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures SAM's automatic mask generator ({@link MaskGeneration}) with the toy SAM on the first
 * images of a toy world split: recall of true objects (box ≥ 64 px on one side, as in {@link
 * ToyZooEvaluation}) at mask IoU ≥ 0.5 by any generated mask, masks per image, the masks on a blank
 * image, and the share of the generator's time spent outside the model.
 */
public final class AmgEvaluation {
  private static final double MATCH_IOU = 0.5;

  private AmgEvaluation() {}

  /**
   * Evaluates on the first {@code maxImages} images of {@code world}'s {@code split}.
   *
   * @param world a toy world root (as written by {@code ToyWorldGenerator})
   * @param split the split, e.g. {@code heldout}
   * @param maxImages at most this many images (≥ 1), in id order
   * @param samEncoder the {@code sam-encoder} model
   * @param samDecoder the {@code sam-decoder} model
   * @param options the generator options (output mode must be binary masks)
   */
  public static AmgFigures run(
      Path world,
      String split,
      int maxImages,
      LoadedModel samEncoder,
      LoadedModel samDecoder,
      AmgOptions options)
      throws IOException {
    Preconditions.checkArgument(maxImages >= 1, "maxImages must be >= 1, got %s", maxImages);
    Preconditions.checkArgument(
        options.outputMode() == AmgOptions.OutputMode.BINARY_MASK,
        "the evaluation needs output mode BINARY_MASK, got %s",
        options.outputMode());
    long t0 = System.nanoTime();
    CocoDataset instances;
    String name = "instances_" + split + ".json";
    try (InputStream in = Files.newInputStream(world.resolve("annotations/" + name))) {
      instances = CocoReader.readInstances(in, name);
    }
    ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
    var byImage = instances.annotationsByImage();
    List<CocoImage> images =
        instances.images().values().stream()
            .sorted((a, b) -> Long.compare(a.id(), b.id()))
            .limit(maxImages)
            .toList();
    int objects = 0;
    int found = 0;
    long masks = 0;
    double worstRatio = 0;
    long amgNanos = 0;
    AmgTimings timings = new AmgTimings();
    int blankMasks;
    try (SamEncoder encoder = new SamEncoder(samEncoder);
        SamDecoder samDec = new SamDecoder(samDecoder);
        NDManager manager = samEncoder.model().getNDManager().newSubManager()) {
      for (CocoImage image : images) {
        DecodedImage decoded =
            decoder.decode(
                Files.readAllBytes(world.resolve("images/" + split + "/" + image.fileName())),
                image.fileName(),
                ExifPolicy.IGNORE);
        long a0 = System.nanoTime();
        List<BinaryMask> generated =
            generate(decoded.image(), encoder, samDec, manager, options, timings);
        amgNanos += System.nanoTime() - a0;
        List<CocoAnnotation> anns = byImage.get(image.id());
        masks += generated.size();
        worstRatio = Math.max(worstRatio, generated.size() / (double) Math.max(1, anns.size()));
        for (CocoAnnotation a : anns) {
          if (a.parentId() != null || !ToyZooEvaluation.bigEnough(a)) {
            continue;
          }
          objects++;
          BinaryMask truth =
              CocoRle.decode(a.segmentation().toRle(decoded.height(), decoded.width()));
          if (bestIou(truth, generated) >= MATCH_IOU) {
            found++;
          }
        }
      }
      CocoImage first = images.get(0);
      blankMasks =
          generate(
                  blank(first.width(), first.height()),
                  encoder,
                  samDec,
                  manager,
                  options,
                  new AmgTimings())
              .size();
    }
    long modelNanos = timings.preprocessNanos() + timings.encodeNanos() + timings.decodeNanos();
    return new AmgFigures(
        images.size(),
        objects,
        objects == 0 ? 0 : (double) found / objects,
        (double) masks / images.size(),
        worstRatio,
        blankMasks,
        amgNanos == 0 ? 0 : (double) Math.max(0, amgNanos - modelNanos) / amgNanos,
        (System.nanoTime() - t0) / 1e9);
  }

  /** The generator's masks for one {@code TYPE_3BYTE_BGR} image. */
  static List<BinaryMask> generate(
      BufferedImage image,
      SamEncoder encoder,
      SamDecoder decoder,
      NDManager manager,
      AmgOptions options,
      AmgTimings timings) {
    try (NDManager perImage = manager.newSubManager()) {
      SamCropEncoder crops =
          new SamCropEncoder(image, encoder, decoder, perImage, options, timings);
      List<MaskRecord> records =
          MaskGeneration.generate(image.getHeight(), image.getWidth(), options, crops);
      List<BinaryMask> out = new ArrayList<>(records.size());
      for (MaskRecord r : records) {
        out.add(((Segmentation.Binary) r.segmentation()).mask());
      }
      return out;
    }
  }

  /** The highest mask IoU of {@code truth} with any of {@code masks} (0 if none). */
  static double bestIou(BinaryMask truth, List<BinaryMask> masks) {
    double best = 0;
    for (BinaryMask m : masks) {
      best = Math.max(best, ToyZooEvaluation.maskIou(truth, m));
    }
    return best;
  }

  /** A {@code TYPE_3BYTE_BGR} image filled with the toy world's background colour. */
  static BufferedImage blank(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    try {
      int[] rgb = ToyColour.BACKGROUND_RGB;
      g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return image;
  }
}
