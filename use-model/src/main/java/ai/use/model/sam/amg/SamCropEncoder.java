package ai.use.model.sam.amg;

import ai.djl.ndarray.NDManager;
import ai.use.model.image.ImageTensor;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamDecoding;
import ai.use.model.sam.SamEmbedding;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamPrompt;
import com.google.common.base.Preconditions;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MaskGeneration.CropEncoder} over the SAM adapters: each crop of the image is cut out and
 * encoded once ({@link SamEncoder}); its points are decoded as one-point prompts ({@link
 * SamDecoder}, positive label, SAM's padding point) and filtered inside libtorch ({@link
 * SurvivorFilter}), so that only the survivors' binary masks reach Java. The crop's embedding lives
 * in a sub-manager of {@code manager} that the returned decoder closes; each batch's decoder output
 * lives in a sub-manager of that one, closed when the batch is filtered.
 */
public final class SamCropEncoder implements MaskGeneration.CropEncoder {
  private final BufferedImage image;
  private final SamEncoder encoder;
  private final SamDecoder decoder;
  private final NDManager manager;
  private final AmgOptions options;
  private final AmgTimings timings;

  /**
   * As {@link #SamCropEncoder(BufferedImage, SamEncoder, SamDecoder, NDManager, AmgOptions,
   * AmgTimings)} without timings.
   */
  public SamCropEncoder(
      BufferedImage image,
      SamEncoder encoder,
      SamDecoder decoder,
      NDManager manager,
      AmgOptions options) {
    this(image, encoder, decoder, manager, options, new AmgTimings());
  }

  /**
   * The encoder for {@link MaskGeneration#generate} with the same {@code options}: decodes with
   * their multimask output and filters with their thresholds and chunk bound; adds the time spent
   * in the image encoder and in the prompt decoder (the model only) to {@code timings}.
   *
   * @param image the whole image, {@code TYPE_3BYTE_BGR}
   * @param encoder the image encoder
   * @param decoder the prompt decoder
   * @param manager the parent of each crop's sub-manager
   * @param options the generator's options
   * @param timings receives model times
   */
  public SamCropEncoder(
      BufferedImage image,
      SamEncoder encoder,
      SamDecoder decoder,
      NDManager manager,
      AmgOptions options,
      AmgTimings timings) {
    Preconditions.checkArgument(
        image.getType() == BufferedImage.TYPE_3BYTE_BGR,
        "image must be TYPE_3BYTE_BGR, got type %s",
        image.getType());
    this.image = image;
    this.encoder = Preconditions.checkNotNull(encoder, "encoder");
    this.decoder = Preconditions.checkNotNull(decoder, "decoder");
    this.manager = Preconditions.checkNotNull(manager, "manager");
    this.options = Preconditions.checkNotNull(options, "options");
    this.timings = Preconditions.checkNotNull(timings, "timings");
  }

  @Override
  public MaskGeneration.PromptDecoder encode(CropBox crop) {
    Preconditions.checkArgument(
        crop.x1() <= image.getWidth() && crop.y1() <= image.getHeight(),
        "crop %s leaves the image of %sx%s (WxH)",
        crop,
        image.getWidth(),
        image.getHeight());
    NDManager cropManager = manager.newSubManager();
    SamEmbedding embedding;
    long t0 = System.nanoTime();
    try {
      ImageTensor input = encoder.preprocess(cut(crop));
      long t1 = System.nanoTime();
      timings.addPreprocess(t1 - t0);
      embedding = encoder.encode(input, cropManager);
      timings.addEncode(System.nanoTime() - t1);
    } catch (RuntimeException e) {
      cropManager.close();
      throw e;
    }
    return new MaskGeneration.PromptDecoder() {
      @Override
      public DecodedBatch decode(double[][] pointsInCrop) {
        List<SamPrompt> prompts = new ArrayList<>(pointsInCrop.length);
        for (double[] p : pointsInCrop) {
          prompts.add(SamPrompt.point(p[0], p[1]));
        }
        try (NDManager batch = cropManager.newSubManager()) {
          long t0 = System.nanoTime();
          SamDecoding out = decoder.decode(embedding, prompts, batch);
          timings.addDecode(System.nanoTime() - t0);
          return SurvivorFilter.apply(out, options);
        }
      }

      @Override
      public void close() {
        cropManager.close();
      }
    };
  }

  /** The crop as its own {@code TYPE_3BYTE_BGR} image (SAM's {@code image[y0:y1, x0:x1, :]}). */
  private BufferedImage cut(CropBox crop) {
    if (crop.isWholeImage(image.getWidth(), image.getHeight())) {
      return image;
    }
    BufferedImage out =
        new BufferedImage(crop.width(), crop.height(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image.getSubimage(crop.x0(), crop.y0(), crop.width(), crop.height()), 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
