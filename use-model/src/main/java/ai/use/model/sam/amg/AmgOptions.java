package ai.use.model.sam.amg;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * Every option of SAM's {@code SamAutomaticMaskGenerator}, with its defaults ({@link #defaults()}),
 * validated on construction.
 *
 * <p>Exactly one of {@code pointsPerSide} (then {@code pointGrids} is empty) and {@code pointGrids}
 * (then {@code pointsPerSide} is 0) gives the prompts; {@link #layerPointGrids()} returns the grid
 * of each crop layer either way.
 *
 * @param pointsPerSide points sampled along one side of the image (SAM: 32); 0 when {@code
 *     pointGrids} is given
 * @param pointGrids explicit normalized grids {@code [N_i, 2]} of {@code [x, y]} in {@code [0, 1]},
 *     one per crop layer (at least {@code cropNLayers + 1}); empty when {@code pointsPerSide} is
 *     given
 * @param pointsPerBatch prompts decoded together (SAM: 64)
 * @param predIouThresh keep masks whose predicted IoU is above this, in {@code [0, 1]}; 0 turns the
 *     filter off (SAM: 0.88)
 * @param stabilityScoreThresh keep masks whose stability score is at least this, in {@code [0, 1]};
 *     0 turns the filter off (SAM: 0.95)
 * @param stabilityScoreOffset the logit offset of the stability score, {@code >= 0} (SAM: 1.0)
 * @param maskThreshold the logit cut-off of a mask (SAM's {@code model.mask_threshold}: 0.0)
 * @param boxNmsThresh box IoU cut-off of the NMS within a crop, in {@code [0, 1]} (SAM: 0.7)
 * @param cropNLayers crop layers after the whole image, {@code >= 0} (SAM: 0)
 * @param cropNmsThresh box IoU cut-off of the NMS across crops, in {@code [0, 1]} (SAM: 0.7)
 * @param cropOverlapRatio overlap of the layer-1 crops as a fraction of the short side, in {@code
 *     [0, 1)} (SAM: 512 / 1500)
 * @param cropNPointsDownscaleFactor points per side on layer {@code i} are divided by this to the
 *     {@code i}th power, {@code >= 1} (SAM: 1)
 * @param minMaskRegionArea holes and islands smaller than this are removed after generation, then
 *     masks are re-scored and NMS'd as SAM does; 0 turns it off (SAM: 0)
 * @param multimaskOutput whether each point asks for SAM's three masks (the generator always does:
 *     true)
 * @param outputMode the form of the returned masks (SAM: {@code binary_mask})
 * @param upscaleChunk at most this many masks of a batch are brought to crop resolution at once
 *     inside libtorch ({@link SurvivorFilter}), {@code >= 1}; not a SAM option, it changes memory
 *     and speed, never results (default 8)
 */
public record AmgOptions(
    int pointsPerSide,
    List<double[][]> pointGrids,
    int pointsPerBatch,
    double predIouThresh,
    double stabilityScoreThresh,
    double stabilityScoreOffset,
    double maskThreshold,
    double boxNmsThresh,
    int cropNLayers,
    double cropNmsThresh,
    double cropOverlapRatio,
    int cropNPointsDownscaleFactor,
    int minMaskRegionArea,
    boolean multimaskOutput,
    OutputMode outputMode,
    int upscaleChunk) {

  /** SAM's {@code output_mode}. */
  public enum OutputMode {
    /** {@code binary_mask}: a {@link ai.use.common.mask.BinaryMask} per record. */
    BINARY_MASK,
    /** {@code uncompressed_rle}: column-major runs starting with zeros, as SAM's own RLE. */
    UNCOMPRESSED_RLE,
    /** {@code coco_rle}: COCO compressed RLE per record, as pycocotools. */
    COCO_RLE
  }

  /** Validates every option; copies the grids. */
  public AmgOptions {
    Preconditions.checkNotNull(pointGrids, "pointGrids");
    Preconditions.checkNotNull(outputMode, "outputMode");
    Preconditions.checkArgument(
        (pointsPerSide > 0) != !pointGrids.isEmpty(),
        "exactly one of points_per_side (> 0) or point_grids (non-empty) must be given, got"
            + " points_per_side=%s and %s point grids",
        pointsPerSide,
        pointGrids.size());
    Preconditions.checkArgument(
        pointsPerSide >= 0, "points_per_side must be >= 0, got %s", pointsPerSide);
    Preconditions.checkArgument(
        pointsPerBatch >= 1, "points_per_batch must be >= 1, got %s", pointsPerBatch);
    Preconditions.checkArgument(
        upscaleChunk >= 1, "upscale chunk must be >= 1 mask, got %s", upscaleChunk);
    checkUnit("pred_iou_thresh", predIouThresh);
    checkUnit("stability_score_thresh", stabilityScoreThresh);
    Preconditions.checkArgument(
        Double.isFinite(stabilityScoreOffset) && stabilityScoreOffset >= 0,
        "stability_score_offset must be finite and >= 0, got %s",
        stabilityScoreOffset);
    Preconditions.checkArgument(
        Double.isFinite(maskThreshold), "mask_threshold must be finite, got %s", maskThreshold);
    checkUnit("box_nms_thresh", boxNmsThresh);
    Preconditions.checkArgument(
        cropNLayers >= 0, "crop_n_layers must be >= 0, got %s", cropNLayers);
    checkUnit("crop_nms_thresh", cropNmsThresh);
    Preconditions.checkArgument(
        cropOverlapRatio >= 0 && cropOverlapRatio < 1,
        "crop_overlap_ratio must be in [0, 1), got %s",
        cropOverlapRatio);
    Preconditions.checkArgument(
        cropNPointsDownscaleFactor >= 1,
        "crop_n_points_downscale_factor must be >= 1, got %s",
        cropNPointsDownscaleFactor);
    Preconditions.checkArgument(
        minMaskRegionArea >= 0, "min_mask_region_area must be >= 0, got %s", minMaskRegionArea);
    if (pointsPerSide > 0) {
      int last = PointGrids.pointsPerSide(pointsPerSide, cropNPointsDownscaleFactor, cropNLayers);
      Preconditions.checkArgument(
          last >= 1,
          "points_per_side=%s with crop_n_points_downscale_factor=%s leaves no point on crop layer"
              + " %s (crop_n_layers=%s)",
          pointsPerSide,
          cropNPointsDownscaleFactor,
          cropNLayers,
          cropNLayers);
    } else {
      Preconditions.checkArgument(
          pointGrids.size() >= cropNLayers + 1,
          "point_grids needs one grid per crop layer (crop_n_layers + 1 = %s), got %s",
          cropNLayers + 1,
          pointGrids.size());
    }
    pointGrids = copyGrids(pointGrids);
  }

  /**
   * Options calibrated for the toy SAM ({@code models/toy/sam-*.pt}), see {@code docs/amg.md}:
   * SAM's defaults except 16 points per side (the toy images are 320 × 240), single-mask output
   * (the toy decoder's mask 0 is its best; its multimask outputs 1–3 score below SAM's thresholds,
   * so SAM's defaults give no mask at all), predicted-IoU threshold 0.8 and stability threshold
   * 0.9.
   */
  public static AmgOptions toyPreset() {
    return toyPresetBuilder().build();
  }

  /** A builder starting from {@link #toyPreset()}. */
  public static Builder toyPresetBuilder() {
    return builder()
        .optPointsPerSide(16)
        .optMultimaskOutput(false)
        .optPredIouThresh(0.8)
        .optStabilityScoreThresh(0.9);
  }

  /** SAM's defaults: 32 points per side, binary masks, no crops, no small-region removal. */
  public static AmgOptions defaults() {
    return builder().build();
  }

  /** A builder starting from SAM's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The normalized point grid of each crop layer {@code 0..cropNLayers}: SAM's {@code
   * build_all_layer_point_grids(pointsPerSide, cropNLayers, cropNPointsDownscaleFactor)} or the
   * explicit grids.
   */
  public List<double[][]> layerPointGrids() {
    if (pointsPerSide > 0) {
      return PointGrids.buildAllLayerPointGrids(
          pointsPerSide, cropNLayers, cropNPointsDownscaleFactor);
    }
    return copyGrids(pointGrids);
  }

  /**
   * The box NMS threshold of the small-region cleanup ({@link SmallRegionCleanup}): SAM's {@code
   * max(box_nms_thresh, crop_nms_thresh)}.
   */
  public double smallRegionNmsThresh() {
    return Math.max(boxNmsThresh, cropNmsThresh);
  }

  private static void checkUnit(String key, double value) {
    Preconditions.checkArgument(
        value >= 0 && value <= 1, "%s must be in [0, 1], got %s", key, value);
  }

  private static List<double[][]> copyGrids(List<double[][]> grids) {
    List<double[][]> out = new ArrayList<>(grids.size());
    for (int g = 0; g < grids.size(); g++) {
      double[][] grid = grids.get(g);
      Preconditions.checkArgument(
          grid != null && grid.length > 0, "point_grids[%s] must hold at least one point", g);
      double[][] copy = new double[grid.length][];
      for (int i = 0; i < grid.length; i++) {
        double[] p = grid[i];
        Preconditions.checkArgument(
            p != null && p.length == 2 && inUnit(p[0]) && inUnit(p[1]),
            "point_grids[%s][%s] must be [x, y] in [0, 1], got %s",
            g,
            i,
            p == null ? null : java.util.Arrays.toString(p));
        copy[i] = p.clone();
      }
      out.add(copy);
    }
    return List.copyOf(out);
  }

  private static boolean inUnit(double v) {
    return v >= 0 && v <= 1;
  }

  /** Builder from SAM's defaults; every setter is optional ({@code optX}). */
  public static final class Builder {
    private int pointsPerSide = 32;
    private List<double[][]> pointGrids = List.of();
    private int pointsPerBatch = 64;
    private double predIouThresh = 0.88;
    private double stabilityScoreThresh = 0.95;
    private double stabilityScoreOffset = 1.0;
    private double maskThreshold = 0.0;
    private double boxNmsThresh = 0.7;
    private int cropNLayers = 0;
    private double cropNmsThresh = 0.7;
    private double cropOverlapRatio = 512 / 1500.0;
    private int cropNPointsDownscaleFactor = 1;
    private int minMaskRegionArea = 0;
    private boolean multimaskOutput = true;
    private OutputMode outputMode = OutputMode.BINARY_MASK;
    private int upscaleChunk = 8;

    private Builder() {}

    /** Points per side; clears explicit point grids. */
    public Builder optPointsPerSide(int value) {
      pointsPerSide = value;
      pointGrids = List.of();
      return this;
    }

    /** Explicit normalized point grids, one per crop layer; clears points per side. */
    public Builder optPointGrids(List<double[][]> value) {
      pointGrids = value;
      pointsPerSide = 0;
      return this;
    }

    /** Prompts per decoder batch. */
    public Builder optPointsPerBatch(int value) {
      pointsPerBatch = value;
      return this;
    }

    /** Predicted-IoU threshold. */
    public Builder optPredIouThresh(double value) {
      predIouThresh = value;
      return this;
    }

    /** Stability-score threshold. */
    public Builder optStabilityScoreThresh(double value) {
      stabilityScoreThresh = value;
      return this;
    }

    /** Stability-score offset. */
    public Builder optStabilityScoreOffset(double value) {
      stabilityScoreOffset = value;
      return this;
    }

    /** Mask logit threshold. */
    public Builder optMaskThreshold(double value) {
      maskThreshold = value;
      return this;
    }

    /** Box NMS threshold within a crop. */
    public Builder optBoxNmsThresh(double value) {
      boxNmsThresh = value;
      return this;
    }

    /** Number of crop layers. */
    public Builder optCropNLayers(int value) {
      cropNLayers = value;
      return this;
    }

    /** Box NMS threshold across crops. */
    public Builder optCropNmsThresh(double value) {
      cropNmsThresh = value;
      return this;
    }

    /** Crop overlap ratio. */
    public Builder optCropOverlapRatio(double value) {
      cropOverlapRatio = value;
      return this;
    }

    /** Points-per-side downscale factor per crop layer. */
    public Builder optCropNPointsDownscaleFactor(int value) {
      cropNPointsDownscaleFactor = value;
      return this;
    }

    /** Minimum area of holes and islands kept; 0 turns the cleanup off. */
    public Builder optMinMaskRegionArea(int value) {
      minMaskRegionArea = value;
      return this;
    }

    /** Whether each point asks for three masks. */
    public Builder optMultimaskOutput(boolean value) {
      multimaskOutput = value;
      return this;
    }

    /** Output form of the masks. */
    public Builder optOutputMode(OutputMode value) {
      outputMode = value;
      return this;
    }

    /** Masks brought to crop resolution at once inside libtorch (memory bound, not results). */
    public Builder optUpscaleChunk(int value) {
      upscaleChunk = value;
      return this;
    }

    /** The validated options. */
    public AmgOptions build() {
      return new AmgOptions(
          pointsPerSide,
          pointGrids,
          pointsPerBatch,
          predIouThresh,
          stabilityScoreThresh,
          stabilityScoreOffset,
          maskThreshold,
          boxNmsThresh,
          cropNLayers,
          cropNmsThresh,
          cropOverlapRatio,
          cropNPointsDownscaleFactor,
          minMaskRegionArea,
          multimaskOutput,
          outputMode,
          upscaleChunk);
    }
  }
}
