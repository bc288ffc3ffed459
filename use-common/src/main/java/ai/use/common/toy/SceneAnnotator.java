package ai.use.common.toy;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a scene into modal instance annotations: one per object (the union of its visible parts)
 * and one per part, with COCO RLE, area, bbox, category and texts.
 */
final class SceneAnnotator {
  /** Annotation ids are {@code imageId * ID_STRIDE + k}; an image has at most 20 annotations. */
  static final int ID_STRIDE = 100;

  private SceneAnnotator() {}

  static List<ObjectAnnotations> annotate(Scene scene, int imageId) {
    BinaryMask[] partMasks = partMasks(scene);
    List<ObjectAnnotations> result = new ArrayList<>();
    int next = imageId * ID_STRIDE + 1;
    for (int k = 0; k < scene.objects().size(); k++) {
      SceneObject object = scene.objects().get(k);
      BinaryMask objectMask = new BinaryMask(scene.height(), scene.width());
      for (ToyPart part : object.parts()) {
        objectMask.orInPlace(partMasks[Scene.ownerCode(k, part)]);
      }
      int objectId = next++;
      ToyAnnotation objectAnnotation =
          annotation(
              objectId,
              imageId,
              ToyCategories.objectClass(object.shape()),
              objectMask,
              ToyAnnotation.OBJECT,
              null,
              object.name(),
              "the " + object.size().label() + " " + object.name(),
              object,
              object.colour(),
              null);
      Map<ToyPart, ToyAnnotation> parts = new EnumMap<>(ToyPart.class);
      for (ToyPart part : object.parts()) {
        String text =
            object.colourOf(part).label() + " " + part.label() + " of the " + object.name();
        parts.put(
            part,
            annotation(
                next++,
                imageId,
                ToyCategories.partCategoryId(object.shape(), part),
                partMasks[Scene.ownerCode(k, part)],
                ToyAnnotation.PART,
                objectId,
                text,
                "the " + text,
                object,
                object.colourOf(part),
                part));
      }
      result.add(
          new ObjectAnnotations(object, objectAnnotation, Collections.unmodifiableMap(parts)));
    }
    return List.copyOf(result);
  }

  private static BinaryMask[] partMasks(Scene scene) {
    BinaryMask[] masks = new BinaryMask[scene.objects().size() * ToyPart.values().length];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = new BinaryMask(scene.height(), scene.width());
    }
    int[] owner = scene.owner();
    for (int i = 0; i < owner.length; i++) {
      if (owner[i] >= 0) {
        masks[owner[i]].set(i / scene.width(), i % scene.width(), true);
      }
    }
    return masks;
  }

  private static ToyAnnotation annotation(
      int id,
      int imageId,
      int categoryId,
      BinaryMask mask,
      String granularity,
      Integer parentId,
      String text,
      String referring,
      SceneObject object,
      ToyColour colour,
      ToyPart part) {
    Rle rle = CocoRle.encode(mask);
    return new ToyAnnotation(
        id,
        imageId,
        categoryId,
        rle,
        CocoRle.area(rle),
        CocoRle.bboxXywh(rle),
        granularity,
        parentId,
        text,
        referring,
        object.shape(),
        colour,
        object.size(),
        part);
  }
}
