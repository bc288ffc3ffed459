package ai.use.common.mask;

import com.google.common.base.Preconditions;
import java.util.Arrays;
import java.util.List;

/**
 * Rasterizes COCO polygons ({@code segmentation} lists {@code [x0, y0, x1, y1, …]} in pixel
 * coordinates) into COCO RLE exactly as the COCO mask API does ({@code rleFrPoly}: the boundary is
 * upsampled 5×, walked densely, and its crossings of pixel-centre columns become run boundaries).
 * Several polygons of one object are merged by union, as {@code frPyObjects} + {@code merge} do.
 */
public final class PolygonRasterizer {
  private static final double SCALE = 5;

  private PolygonRasterizer() {}

  /** The union of several polygons of one object. */
  public static Rle rasterize(List<double[]> polygons, int height, int width) {
    Preconditions.checkArgument(!polygons.isEmpty(), "an object needs at least one polygon");
    Rle first = rasterize(polygons.get(0), height, width);
    if (polygons.size() == 1) {
      return first;
    }
    Rle[] rest = new Rle[polygons.size() - 1];
    for (int i = 1; i < polygons.size(); i++) {
      rest[i - 1] = rasterize(polygons.get(i), height, width);
    }
    return CocoRle.union(first, rest);
  }

  /** One polygon {@code [x0, y0, x1, y1, …]} with at least 3 points. */
  public static Rle rasterize(double[] xy, int height, int width) {
    Preconditions.checkArgument(
        xy.length >= 6 && xy.length % 2 == 0,
        "a polygon needs an even number of at least 6 coordinates, got %s",
        xy.length);
    int k = xy.length / 2;
    long h = height;
    long w = width;
    int[] x = new int[k + 1];
    int[] y = new int[k + 1];
    for (int j = 0; j < k; j++) {
      x[j] = (int) (SCALE * xy[2 * j] + .5);
      y[j] = (int) (SCALE * xy[2 * j + 1] + .5);
    }
    x[k] = x[0];
    y[k] = y[0];
    int m = 0;
    for (int j = 0; j < k; j++) {
      m += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
    }
    int[] u = new int[m];
    int[] v = new int[m];
    m = 0;
    for (int j = 0; j < k; j++) {
      int xs = x[j];
      int xe = x[j + 1];
      int ys = y[j];
      int ye = y[j + 1];
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ys - ye);
      boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
      if (flip) {
        int t = xs;
        xs = xe;
        xe = t;
        t = ys;
        ys = ye;
        ye = t;
      }
      double s = dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      if (dx >= dy) {
        for (int d = 0; d <= dx; d++) {
          int t = flip ? dx - d : d;
          u[m] = t + xs;
          v[m] = (int) (ys + s * t + .5);
          m++;
        }
      } else {
        for (int d = 0; d <= dy; d++) {
          int t = flip ? dy - d : d;
          v[m] = t + ys;
          u[m] = (int) (xs + s * t + .5);
          m++;
        }
      }
    }
    // Points where the boundary crosses a pixel-centre column, downsampled.
    int total = m;
    long[] a = new long[total + 1];
    int n = 0;
    for (int j = 1; j < total; j++) {
      if (u[j] != u[j - 1]) {
        double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
        xd = (xd + .5) / SCALE - .5;
        if (Math.floor(xd) != xd || xd < 0 || xd > w - 1) {
          continue;
        }
        double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
        yd = (yd + .5) / SCALE - .5;
        if (yd < 0) {
          yd = 0;
        } else if (yd > h) {
          yd = h;
        }
        yd = Math.ceil(yd);
        // (uint) arithmetic in the reference: x*h + y.
        a[n++] = ((long) (int) xd * h + (long) (int) yd) & 0xffffffffL;
      }
    }
    a[n++] = (h * w) & 0xffffffffL;
    long[] sorted = Arrays.copyOf(a, n);
    Arrays.sort(sorted);
    long p = 0;
    for (int j = 0; j < n; j++) {
      long t = sorted[j];
      sorted[j] -= p;
      p = t;
    }
    long[] b = new long[n];
    int j = 0;
    int out = 0;
    b[out++] = sorted[j++];
    while (j < n) {
      if (sorted[j] > 0) {
        b[out++] = sorted[j++];
      } else {
        j++;
        if (j < n) {
          b[out - 1] += sorted[j++];
        }
      }
    }
    return new Rle(height, width, CocoRle.countsToString(Arrays.copyOf(b, out)));
  }
}
