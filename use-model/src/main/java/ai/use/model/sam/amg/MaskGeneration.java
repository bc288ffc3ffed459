package ai.use.model.sam.amg;

import ai.use.common.mask.BinaryMask;
import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * SAM's {@code SamAutomaticMaskGenerator.generate} as a composition of this package's steps, with
 * the model behind two small interfaces so that the order of the steps can be tested without one.
 *
 * <p>Per crop ({@link CropBoxes}): encode the crop once, scale the layer's point grid to the crop,
 * decode it in batches of {@code points_per_batch} ({@link BatchIterator}), filter each batch
 * (inside the decoder: {@link SurvivorFilter}; then {@link BatchFilter}), then NMS within the crop
 * by predicted IoU. Then NMS across crops (smaller crops win), the optional small-region cleanup
 * ({@link SmallRegionCleanup}) and the records.
 *
 * <p>Only masks that survive the predicted-IoU and stability filters reach Java, one chunk of
 * {@code upscaleChunk} binary masks at a time; each is encoded to COCO RLE at once, and batches and
 * candidates hold only RLE until the end (decoded one at a time for the box, the uncrop, the
 * small-region cleanup and the records).
 */
public final class MaskGeneration {
  private MaskGeneration() {}

  /** Encodes one crop of the image (SAM's {@code predictor.set_image(cropped_im)}). */
  @FunctionalInterface
  public interface CropEncoder {
    /**
     * Encodes the crop and returns a decoder bound to its embedding.
     *
     * @param crop the crop box in image pixels
     */
    PromptDecoder encode(CropBox crop);
  }

  /** Decodes point prompts against one crop's embedding; closes native memory when done. */
  public interface PromptDecoder extends AutoCloseable {
    /**
     * Decodes positive point prompts (label 1), one per row, and filters the masks by predicted IoU
     * and stability at the crop's size ({@link SurvivorFilter}).
     *
     * @param pointsInCrop points {@code [P, 2]} as {@code [x, y]} in crop pixels
     * @return the survivors of the batch's {@code P * K} masks, binary at the crop's size
     */
    DecodedBatch decode(double[][] pointsInCrop);

    /** Releases the embedding. */
    @Override
    void close();
  }

  /**
   * Generates the masks of an {@code imageHeight × imageWidth} image.
   *
   * @param imageHeight image height
   * @param imageWidth image width
   * @param options the generator options
   * @param encoder encodes each crop once
   * @return the records, in SAM's output order
   */
  public static List<MaskRecord> generate(
      int imageHeight, int imageWidth, AmgOptions options, CropEncoder encoder) {
    Preconditions.checkNotNull(options, "options");
    Preconditions.checkNotNull(encoder, "encoder");
    List<CropBox> crops =
        CropBoxes.generate(
            imageHeight, imageWidth, options.cropNLayers(), options.cropOverlapRatio());
    List<double[][]> grids = options.layerPointGrids();
    List<Candidate> all = new ArrayList<>();
    for (CropBox crop : crops) {
      all.addAll(
          processCrop(crop, grids.get(crop.layer()), imageHeight, imageWidth, options, encoder));
    }
    List<Candidate> kept = CandidateNms.acrossCrops(all, crops.size(), options.cropNmsThresh());
    if (options.minMaskRegionArea() > 0) {
      kept = cleanSmallRegions(kept, options);
    }
    List<MaskRecord> records = new ArrayList<>(kept.size());
    for (Candidate c : kept) {
      records.add(c.toRecord(options.outputMode()));
    }
    return records;
  }

  /** SAM's {@code _process_crop}: the crop's survivors after NMS within the crop. */
  static List<Candidate> processCrop(
      CropBox crop,
      double[][] grid,
      int imageHeight,
      int imageWidth,
      AmgOptions options,
      CropEncoder encoder) {
    double[][] points = PointGrids.scale(grid, crop.width(), crop.height());
    List<Candidate> candidates = new ArrayList<>();
    try (PromptDecoder decoder = encoder.encode(crop)) {
      for (double[][] batch : BatchIterator.batches(points, options.pointsPerBatch())) {
        candidates.addAll(
            BatchFilter.apply(decoder.decode(batch), batch, crop, imageHeight, imageWidth));
      }
    }
    return CandidateNms.withinCrop(candidates, options.boxNmsThresh());
  }

  private static List<Candidate> cleanSmallRegions(List<Candidate> candidates, AmgOptions options) {
    List<BinaryMask> masks = new ArrayList<>(candidates.size());
    for (Candidate c : candidates) {
      masks.add(c.mask());
    }
    List<Candidate> out = new ArrayList<>();
    for (SmallRegionCleanup.Kept k :
        SmallRegionCleanup.apply(
            masks, options.minMaskRegionArea(), options.smallRegionNmsThresh())) {
      Candidate c = candidates.get(k.index());
      out.add(
          k.changed()
              ? new Candidate(
                  k.mask(),
                  k.box(),
                  c.predictedIou(),
                  c.stabilityScore(),
                  c.pointX(),
                  c.pointY(),
                  c.crop())
              : c);
    }
    return out;
  }
}
