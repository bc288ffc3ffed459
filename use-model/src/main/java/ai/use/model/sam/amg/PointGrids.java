package ai.use.model.sam.amg;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * SAM's point grids ({@code build_point_grid}, {@code build_all_layer_point_grids} in {@code
 * amg.py}): {@code n × n} points evenly spaced in {@code [0, 1] × [0, 1]}, each {@code 1 / (2n)}
 * away from the border, as {@code [x, y]} pairs with {@code x} varying fastest.
 */
public final class PointGrids {
  private PointGrids() {}

  /**
   * The grid of {@code nPerSide²} normalized points, shape {@code [nPerSide², 2]}, rows {@code [x,
   * y]}. Coordinates are numpy's {@code linspace(offset, 1 - offset, n)} with {@code offset = 1 /
   * (2n)}: {@code offset + i * step} and the last one exactly {@code 1 - offset}.
   *
   * @param nPerSide points per side, {@code >= 1}
   */
  public static double[][] buildPointGrid(int nPerSide) {
    Preconditions.checkArgument(nPerSide >= 1, "points per side must be >= 1, got %s", nPerSide);
    double[] oneSide = linspace(nPerSide);
    double[][] points = new double[nPerSide * nPerSide][];
    for (int y = 0; y < nPerSide; y++) {
      for (int x = 0; x < nPerSide; x++) {
        points[y * nPerSide + x] = new double[] {oneSide[x], oneSide[y]};
      }
    }
    return points;
  }

  /**
   * One grid per crop layer {@code i = 0..nLayers}, with {@code int(nPerSide / scalePerLayer^i)}
   * points per side.
   *
   * @param nPerSide points per side on layer 0, {@code >= 1}
   * @param nLayers number of crop layers after layer 0, {@code >= 0}
   * @param scalePerLayer down-scaling of the points per side from one layer to the next, {@code >=
   *     1}
   * @throws IllegalArgumentException if a layer would get fewer than one point per side
   */
  public static List<double[][]> buildAllLayerPointGrids(
      int nPerSide, int nLayers, int scalePerLayer) {
    Preconditions.checkArgument(nLayers >= 0, "crop layers must be >= 0, got %s", nLayers);
    Preconditions.checkArgument(
        scalePerLayer >= 1, "points downscale factor must be >= 1, got %s", scalePerLayer);
    List<double[][]> grids = new ArrayList<>(nLayers + 1);
    for (int i = 0; i <= nLayers; i++) {
      int n = pointsPerSide(nPerSide, scalePerLayer, i);
      Preconditions.checkArgument(
          n >= 1,
          "points per side %s / downscale factor %s^%s leaves no point on crop layer %s",
          nPerSide,
          scalePerLayer,
          i,
          i);
      grids.add(buildPointGrid(n));
    }
    return grids;
  }

  /** SAM's {@code int(nPerSide / scale^layer)}. */
  static int pointsPerSide(int nPerSide, int scale, int layer) {
    return (int) (nPerSide / Math.pow(scale, layer));
  }

  /**
   * A normalized grid scaled to a crop of {@code width × height} pixels, as SAM's {@code
   * point_grids[layer] * [w, h]}: pixel coordinates inside the crop.
   */
  public static double[][] scale(double[][] grid, int width, int height) {
    double[][] out = new double[grid.length][];
    for (int i = 0; i < grid.length; i++) {
      out[i] = new double[] {grid[i][0] * width, grid[i][1] * height};
    }
    return out;
  }

  private static double[] linspace(int n) {
    double offset = 1.0 / (2 * n);
    double stop = 1 - offset;
    double[] out = new double[n];
    if (n == 1) {
      out[0] = offset;
      return out;
    }
    double step = (stop - offset) / (n - 1);
    for (int i = 0; i < n; i++) {
      out[i] = i * step + offset;
    }
    out[n - 1] = stop;
    return out;
  }
}
