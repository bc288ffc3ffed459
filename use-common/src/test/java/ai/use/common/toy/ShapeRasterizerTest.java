package ai.use.common.toy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShapeRasterizerTest {

  @ParameterizedTest
  @EnumSource(ToyShape.class)
  void topIsTheUpperThirtyPercentOfRowsAndBodyTheRest(ToyShape shape) {
    ObjectRaster raster = ShapeRasterizer.rasterize(shape, 100, false);

    assertThat(raster.width()).isEqualTo(100);
    assertThat(raster.height()).isEqualTo(100);
    for (int y = 0; y < 100; y++) {
      for (int x = 0; x < 100; x++) {
        ToyPart part = raster.partAt(x, y);
        if (part != null) {
          assertThat(part).isEqualTo(y < 30 ? ToyPart.TOP : ToyPart.BODY);
        }
      }
    }
    long[] areas = raster.partAreas();
    assertThat(areas[ToyPart.TOP.ordinal()]).isPositive();
    assertThat(areas[ToyPart.BODY.ordinal()]).isGreaterThan(areas[ToyPart.TOP.ordinal()]);
    assertThat(areas[ToyPart.HANDLE.ordinal()]).isZero();
  }

  @Test
  void areasMatchTheGeometry() {
    long[] square = ShapeRasterizer.rasterize(ToyShape.SQUARE, 100, false).partAreas();
    long[] circle = ShapeRasterizer.rasterize(ToyShape.CIRCLE, 100, false).partAreas();
    long[] triangle = ShapeRasterizer.rasterize(ToyShape.TRIANGLE, 100, false).partAreas();
    long[] diamond = ShapeRasterizer.rasterize(ToyShape.DIAMOND, 100, false).partAreas();

    assertThat(square[0] + square[1]).isEqualTo(10_000);
    assertThat(circle[0] + circle[1]).isBetween(7_800L, 7_900L);
    assertThat(triangle[0] + triangle[1]).isBetween(4_900L, 5_100L);
    assertThat(diamond[0] + diamond[1]).isBetween(4_900L, 5_100L);
  }

  @ParameterizedTest
  @EnumSource(ToyShape.class)
  void handleIsARectangleTouchingTheShapeOnTheRight(ToyShape shape) {
    ObjectRaster raster = ShapeRasterizer.rasterize(shape, 60, true);

    long handle = raster.partAreas()[ToyPart.HANDLE.ordinal()];
    assertThat(handle).isPositive();
    boolean touches = false;
    int minX = Integer.MAX_VALUE;
    for (int y = 0; y < raster.height(); y++) {
      for (int x = 0; x < raster.width(); x++) {
        if (raster.partAt(x, y) == ToyPart.HANDLE) {
          minX = Math.min(minX, x);
          touches |=
              x > 0 && raster.partAt(x - 1, y) != null && raster.partAt(x - 1, y) != ToyPart.HANDLE;
        }
      }
    }
    assertThat(touches).as("handle is attached to the shape").isTrue();
    assertThat(minX).isGreaterThan(30);
    assertThat(raster.width()).isGreaterThan(shape == ToyShape.TRIANGLE ? 45 : 60);
  }
}
