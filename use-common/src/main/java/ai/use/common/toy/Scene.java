package ai.use.common.toy;

import java.util.List;

/**
 * A sampled scene: its objects in z-order (later objects are drawn over earlier ones) and, for
 * every pixel, which object part is visible there.
 *
 * @param width image width
 * @param height image height
 * @param objects objects in z-order
 * @param owner row-major visible part per pixel: {@code -1} for background, else {@link
 *     #ownerCode(int, ToyPart)} of the object part drawn last over that pixel
 */
record Scene(int width, int height, List<SceneObject> objects, int[] owner) {

  static int ownerCode(int objectIndex, ToyPart part) {
    return objectIndex * ToyPart.values().length + part.ordinal();
  }

  static int objectIndexOf(int ownerCode) {
    return ownerCode / ToyPart.values().length;
  }

  static ToyPart partOf(int ownerCode) {
    return ToyPart.values()[ownerCode % ToyPart.values().length];
  }
}
