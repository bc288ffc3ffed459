package ai.use.common.toy;

import com.google.common.base.Preconditions;

/**
 * What a toy world is generated from. The same spec (seed included) always gives the same files.
 *
 * @param specVersion version of the generator's content rules; must be {@link #SPEC_VERSION}
 * @param seed master seed; each image is drawn from its own seed derived from (seed, split, index)
 * @param trainImages number of images in the {@code train} split (0–99999)
 * @param heldoutImages number of images in the {@code heldout} split (0–99999)
 * @param width image width in pixels ({@value #MIN_WIDTH}–{@value #MAX_SIDE})
 * @param height image height in pixels ({@value #MIN_HEIGHT}–{@value #MAX_SIDE})
 * @param minHeldoutObjects generation fails unless the held-out split has at least this many
 *     objects (at most {@value #MAX_OBJECTS_PER_IMAGE} per held-out image)
 */
public record ToyWorldSpec(
    int specVersion,
    long seed,
    int trainImages,
    int heldoutImages,
    int width,
    int height,
    int minHeldoutObjects) {

  /** Version of the content rules this generator implements, recorded in every output. */
  public static final int SPEC_VERSION = 1;

  /** Fewest objects in one image. */
  public static final int MIN_OBJECTS_PER_IMAGE = 2;

  /** Most objects in one image. */
  public static final int MAX_OBJECTS_PER_IMAGE = 5;

  /** Smallest image width: the largest object with its handle must fit. */
  public static final int MIN_WIDTH = 200;

  /** Smallest image height: the largest object must fit. */
  public static final int MIN_HEIGHT = 160;

  /** Largest image side. */
  public static final int MAX_SIDE = 4096;

  private static final int MAX_IMAGES = 99_999;

  public ToyWorldSpec {
    Preconditions.checkArgument(
        specVersion == SPEC_VERSION,
        "spec_version %s is not supported: this generator writes spec_version %s",
        specVersion,
        SPEC_VERSION);
    checkImages("trainImages", trainImages);
    checkImages("heldoutImages", heldoutImages);
    Preconditions.checkArgument(
        width >= MIN_WIDTH && width <= MAX_SIDE,
        "width %s is out of range: allowed %s..%s pixels",
        width,
        MIN_WIDTH,
        MAX_SIDE);
    Preconditions.checkArgument(
        height >= MIN_HEIGHT && height <= MAX_SIDE,
        "height %s is out of range: allowed %s..%s pixels",
        height,
        MIN_HEIGHT,
        MAX_SIDE);
    long most = (long) heldoutImages * MAX_OBJECTS_PER_IMAGE;
    Preconditions.checkArgument(
        minHeldoutObjects >= 0 && minHeldoutObjects <= most,
        "minHeldoutObjects %s cannot be met: %s held-out images hold at most %s objects"
            + " (allowed 0..%s)",
        minHeldoutObjects,
        heldoutImages,
        most,
        most);
  }

  private static void checkImages(String name, int count) {
    Preconditions.checkArgument(
        count >= 0 && count <= MAX_IMAGES,
        "%s %s is out of range: allowed 0..%s",
        name,
        count,
        MAX_IMAGES);
  }

  /**
   * The default world: 240 train and 60 held-out images of 320×240 with at least 200 held-out
   * objects.
   */
  public static ToyWorldSpec defaults(long seed) {
    return new ToyWorldSpec(SPEC_VERSION, seed, 240, 60, 320, 240, 200);
  }

  /**
   * A world of the default image size with other image counts and no floor on held-out objects; for
   * tests and demos that need fewer images.
   */
  public static ToyWorldSpec small(long seed, int trainImages, int heldoutImages) {
    return new ToyWorldSpec(SPEC_VERSION, seed, trainImages, heldoutImages, 320, 240, 0);
  }

  /** Number of images in a split. */
  public int images(ToySplit split) {
    return split == ToySplit.TRAIN ? trainImages : heldoutImages;
  }
}
