package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.sam.amg.AmgOptions.OutputMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SamAutomaticMaskGenerator's options and defaults. */
class AmgOptionsTest {

  @Test
  void defaultsAreSams() {
    AmgOptions o = AmgOptions.defaults();
    assertThat(o.pointsPerSide()).isEqualTo(32);
    assertThat(o.pointGrids()).isEmpty();
    assertThat(o.pointsPerBatch()).isEqualTo(64);
    assertThat(o.predIouThresh()).isEqualTo(0.88);
    assertThat(o.stabilityScoreThresh()).isEqualTo(0.95);
    assertThat(o.stabilityScoreOffset()).isEqualTo(1.0);
    assertThat(o.maskThreshold()).isEqualTo(0.0);
    assertThat(o.boxNmsThresh()).isEqualTo(0.7);
    assertThat(o.cropNLayers()).isZero();
    assertThat(o.cropNmsThresh()).isEqualTo(0.7);
    assertThat(o.cropOverlapRatio()).isEqualTo(512 / 1500.0);
    assertThat(o.cropNPointsDownscaleFactor()).isEqualTo(1);
    assertThat(o.minMaskRegionArea()).isZero();
    assertThat(o.multimaskOutput()).isTrue();
    assertThat(o.outputMode()).isEqualTo(OutputMode.BINARY_MASK);
    assertThat(o.upscaleChunk()).isEqualTo(8);
    assertThat(o.layerPointGrids()).hasSize(1);
    assertThat(o.layerPointGrids().get(0)).hasNumberOfRows(1024);
  }

  @Test
  void layerGridsFollowTheDownscaleFactor() {
    AmgOptions o =
        AmgOptions.builder()
            .optPointsPerSide(16)
            .optCropNLayers(2)
            .optCropNPointsDownscaleFactor(2)
            .build();
    assertThat(o.layerPointGrids()).extracting(g -> g.length).containsExactly(256, 64, 16);
  }

  @Test
  void toyPresetChangesOnlyTheDocumentedOptions() {
    AmgOptions toy = AmgOptions.toyPreset();
    AmgOptions sam = AmgOptions.defaults();
    assertThat(toy.pointsPerSide()).isEqualTo(16);
    assertThat(toy.multimaskOutput()).isFalse();
    assertThat(toy.predIouThresh()).isEqualTo(0.8);
    assertThat(toy.stabilityScoreThresh()).isEqualTo(0.9);
    AmgOptions back =
        AmgOptions.toyPresetBuilder()
            .optPointsPerSide(32)
            .optMultimaskOutput(true)
            .optPredIouThresh(0.88)
            .optStabilityScoreThresh(0.95)
            .build();
    assertThat(back.toString()).isEqualTo(sam.toString());
  }

  @Test
  void smallRegionNmsUsesTheLargerThreshold() {
    AmgOptions o = AmgOptions.builder().optBoxNmsThresh(0.5).optCropNmsThresh(0.8).build();
    assertThat(o.smallRegionNmsThresh()).isEqualTo(0.8);
  }

  @Test
  void explicitGridsReplacePointsPerSide() {
    double[][] grid = {{0.5, 0.5}};
    AmgOptions o =
        AmgOptions.builder().optPointGrids(List.of(grid, grid)).optCropNLayers(1).build();
    assertThat(o.pointsPerSide()).isZero();
    assertThat(o.layerPointGrids()).hasSize(2);
    grid[0][0] = 0.9;
    assertThat(o.pointGrids().get(0)[0]).as("copied").containsExactly(0.5, 0.5);
  }

  @Test
  void rejectsInvalidOptionsByName() {
    assertThatThrownBy(() -> AmgOptions.builder().optPointsPerBatch(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points_per_batch must be >= 1, got 0");
    assertThatThrownBy(() -> AmgOptions.builder().optPredIouThresh(1.5).build())
        .hasMessage("pred_iou_thresh must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> AmgOptions.builder().optStabilityScoreOffset(-1).build())
        .hasMessage("stability_score_offset must be finite and >= 0, got -1.0");
    assertThatThrownBy(() -> AmgOptions.builder().optCropOverlapRatio(1).build())
        .hasMessage("crop_overlap_ratio must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> AmgOptions.builder().optMinMaskRegionArea(-5).build())
        .hasMessage("min_mask_region_area must be >= 0, got -5");
    assertThatThrownBy(() -> AmgOptions.builder().optUpscaleChunk(0).build())
        .hasMessage("upscale chunk must be >= 1 mask, got 0");
    assertThatThrownBy(() -> AmgOptions.builder().optPointsPerSide(0).build())
        .hasMessageContaining("exactly one of points_per_side (> 0) or point_grids");
    assertThatThrownBy(
            () ->
                AmgOptions.builder()
                    .optPointsPerSide(2)
                    .optCropNLayers(1)
                    .optCropNPointsDownscaleFactor(4)
                    .build())
        .hasMessageContaining("leaves no point on crop layer 1");
    assertThatThrownBy(
            () ->
                AmgOptions.builder()
                    .optPointGrids(List.<double[][]>of(new double[][] {{0.5, 0.5}}))
                    .optCropNLayers(1)
                    .build())
        .hasMessage("point_grids needs one grid per crop layer (crop_n_layers + 1 = 2), got 1");
    assertThatThrownBy(
            () ->
                AmgOptions.builder()
                    .optPointGrids(List.<double[][]>of(new double[][] {{1.5, 0.5}}))
                    .build())
        .hasMessage("point_grids[0][0] must be [x, y] in [0, 1], got [1.5, 0.5]");
  }
}
