package ai.use.common.toy;

import java.util.ArrayList;
import java.util.List;

/**
 * One generated image: its ids, its scene and its annotations, captions and referring expressions.
 */
record AnnotatedImage(
    int imageId,
    String fileName,
    Scene scene,
    List<ObjectAnnotations> objects,
    List<ToyCaption> captions) {

  /** Every annotation in id order: each object followed by its parts. */
  List<ToyAnnotation> annotations() {
    List<ToyAnnotation> all = new ArrayList<>();
    for (ObjectAnnotations object : objects) {
      all.add(object.annotation());
      all.addAll(object.parts().values());
    }
    return all;
  }
}
