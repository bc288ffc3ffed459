package ai.use.common.toy;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Samples the objects of one scene and places them in z-order.
 *
 * <p>Objects in one scene have distinct (shape, colour) pairs, so every referring expression names
 * one object. A placement is accepted only if, with the new object on top, every earlier object
 * keeps at least {@link #MIN_VISIBLE_FRACTION} of its full area visible and every earlier part at
 * least {@link #MIN_VISIBLE_PART_PIXELS} pixels; otherwise another position is drawn, and after
 * {@link #PLACEMENT_ATTEMPTS} failures the whole scene is sampled again. All draws come from the
 * given {@link Random}, so a scene is a function of its seed.
 */
final class SceneSampler {
  static final double MIN_VISIBLE_FRACTION = 0.6;
  static final int MIN_VISIBLE_PART_PIXELS = 20;
  static final double HANDLE_PROBABILITY = 0.5;
  static final int PLACEMENT_ATTEMPTS = 100;
  static final int SCENE_ATTEMPTS = 1000;

  private static final int PARTS = ToyPart.values().length;

  private SceneSampler() {}

  /** Samples a {@code width × height} scene with {@code objectCount} objects. */
  static Scene sample(int width, int height, int objectCount, Random random) {
    Preconditions.checkArgument(
        objectCount >= 1 && objectCount <= ToyShape.values().length * ToyColour.values().length,
        "objectCount %s is out of range",
        objectCount);
    for (int attempt = 0; attempt < SCENE_ATTEMPTS; attempt++) {
      Scene scene = tryScene(width, height, objectCount, random);
      if (scene != null) {
        return scene;
      }
    }
    throw new IllegalStateException(
        "could not place "
            + objectCount
            + " objects in a "
            + width
            + "x"
            + height
            + " image after "
            + SCENE_ATTEMPTS
            + " attempts");
  }

  private static Scene tryScene(int width, int height, int objectCount, Random random) {
    int[] owner = new int[width * height];
    Arrays.fill(owner, -1);
    long[] visible = new long[objectCount * PARTS];
    long[] fullArea = new long[objectCount];
    List<SceneObject> objects = new ArrayList<>();
    List<Integer> kinds = new ArrayList<>();
    for (int i = 0; i < ToyShape.values().length * ToyColour.values().length; i++) {
      kinds.add(i);
    }
    for (int k = 0; k < objectCount; k++) {
      int kind = kinds.remove(random.nextInt(kinds.size()));
      SceneObject unplaced = sampleObject(kind, random);
      ObjectRaster raster = unplaced.raster();
      if (raster.width() > width || raster.height() > height) {
        return null;
      }
      SceneObject placed = null;
      for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS && placed == null; attempt++) {
        int x = random.nextInt(width - raster.width() + 1);
        int y = random.nextInt(height - raster.height() + 1);
        if (keepsEarlierVisible(owner, width, raster, x, y, k, visible, fullArea)) {
          placed = at(unplaced, x, y);
        }
      }
      if (placed == null) {
        return null;
      }
      draw(owner, width, placed, k, visible);
      fullArea[k] = Arrays.stream(raster.partAreas()).sum();
      objects.add(placed);
    }
    return new Scene(width, height, List.copyOf(objects), owner);
  }

  private static SceneObject sampleObject(int kind, Random random) {
    ToyShape shape = ToyShape.values()[kind / ToyColour.values().length];
    ToyColour colour = ToyColour.values()[kind % ToyColour.values().length];
    ToySize size = random.nextBoolean() ? ToySize.LARGE : ToySize.SMALL;
    int extent = size.minExtent() + random.nextInt(size.maxExtent() - size.minExtent() + 1);
    ToyColour top = otherColour(random, colour);
    ToyColour handle =
        random.nextDouble() < HANDLE_PROBABILITY ? otherColour(random, colour, top) : null;
    ObjectRaster raster = ShapeRasterizer.rasterize(shape, extent, handle != null);
    return new SceneObject(shape, colour, size, extent, top, handle, 0, 0, raster);
  }

  private static SceneObject at(SceneObject o, int x, int y) {
    return new SceneObject(
        o.shape(),
        o.colour(),
        o.size(),
        o.extent(),
        o.topColour(),
        o.handleColour(),
        x,
        y,
        o.raster());
  }

  private static ToyColour otherColour(Random random, ToyColour... taken) {
    List<ToyColour> free = new ArrayList<>(Arrays.asList(ToyColour.values()));
    free.removeAll(Arrays.asList(taken));
    return free.get(random.nextInt(free.size()));
  }

  /**
   * Whether drawing {@code raster} at (x, y) over objects {@code 0..k-1} keeps them visible enough.
   */
  private static boolean keepsEarlierVisible(
      int[] owner,
      int width,
      ObjectRaster raster,
      int x,
      int y,
      int k,
      long[] visible,
      long[] fullArea) {
    long[] lost = new long[k * PARTS];
    for (int ry = 0; ry < raster.height(); ry++) {
      int row = (y + ry) * width + x;
      for (int rx = 0; rx < raster.width(); rx++) {
        int code = owner[row + rx];
        if (code >= 0 && raster.codes()[ry * raster.width() + rx] != 0) {
          lost[code]++;
        }
      }
    }
    for (int j = 0; j < k; j++) {
      long objectVisible = 0;
      for (int p = 0; p < PARTS; p++) {
        int code = j * PARTS + p;
        long left = visible[code] - lost[code];
        if (visible[code] > 0 && left < MIN_VISIBLE_PART_PIXELS) {
          return false;
        }
        objectVisible += left;
      }
      if (objectVisible < MIN_VISIBLE_FRACTION * fullArea[j]) {
        return false;
      }
    }
    return true;
  }

  private static void draw(int[] owner, int width, SceneObject object, int k, long[] visible) {
    ObjectRaster raster = object.raster();
    for (int ry = 0; ry < raster.height(); ry++) {
      int row = (object.y() + ry) * width + object.x();
      for (int rx = 0; rx < raster.width(); rx++) {
        ToyPart part = raster.partAt(rx, ry);
        if (part != null) {
          int previous = owner[row + rx];
          if (previous >= 0) {
            visible[previous]--;
          }
          int code = Scene.ownerCode(k, part);
          owner[row + rx] = code;
          visible[code]++;
        }
      }
    }
  }
}
