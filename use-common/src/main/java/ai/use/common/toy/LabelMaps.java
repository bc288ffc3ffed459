package ai.use.common.toy;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Semantic label maps in ADE20K's layout: 8-bit grey images, 0 = background / ignore, value {@code
 * i} = class {@code i} of the matching {@code classes.txt} (see {@link ToyCategories}).
 */
final class LabelMaps {
  private LabelMaps() {}

  /** Object classes (1–4) of the visible object at each pixel. */
  static BufferedImage objects(Scene scene) {
    return map(scene, false);
  }

  /** Part classes (1–12) of the visible part at each pixel. */
  static BufferedImage parts(Scene scene) {
    return map(scene, true);
  }

  private static BufferedImage map(Scene scene, boolean parts) {
    BufferedImage image =
        new BufferedImage(scene.width(), scene.height(), BufferedImage.TYPE_BYTE_GRAY);
    byte[] data = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    int[] owner = scene.owner();
    for (int i = 0; i < owner.length; i++) {
      int code = owner[i];
      if (code >= 0) {
        ToyShape shape = scene.objects().get(Scene.objectIndexOf(code)).shape();
        data[i] =
            (byte)
                (parts
                    ? ToyCategories.partClass(shape, Scene.partOf(code))
                    : ToyCategories.objectClass(shape));
      }
    }
    return image;
  }
}
