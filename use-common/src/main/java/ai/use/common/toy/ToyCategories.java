package ai.use.common.toy;

import java.util.ArrayList;
import java.util.List;

/**
 * Category ids and label-map classes of the toy world.
 *
 * <p>Objects: category id = class index = {@code shape.ordinal() + 1} (1–4). Parts: category id =
 * {@link #PART_CATEGORY_OFFSET} + class index, class index = {@code shape.ordinal() * 3 +
 * part.ordinal() + 1} (1–12, shape-major). Line {@code i} of each {@code classes.txt} names class
 * {@code i}, and a label-map pixel holds the class index (0 = background).
 */
public final class ToyCategories {
  /** Part category ids are this plus the part class index (101–112). */
  public static final int PART_CATEGORY_OFFSET = 100;

  private ToyCategories() {}

  /** Object class index and category id of a shape (1–4). */
  public static int objectClass(ToyShape shape) {
    return shape.ordinal() + 1;
  }

  /** Part class index of a shape's part (1–12), the value in the parts label map. */
  public static int partClass(ToyShape shape, ToyPart part) {
    return shape.ordinal() * ToyPart.values().length + part.ordinal() + 1;
  }

  /** Part category id in the COCO files (101–112). */
  public static int partCategoryId(ToyShape shape, ToyPart part) {
    return PART_CATEGORY_OFFSET + partClass(shape, part);
  }

  /** Part class name, e.g. {@code "circle top"}. */
  public static String partClassName(ToyShape shape, ToyPart part) {
    return shape.label() + " " + part.label();
  }

  /** Object class names in class-index order (element {@code i - 1} names class {@code i}). */
  public static List<String> objectClassNames() {
    List<String> names = new ArrayList<>();
    for (ToyShape shape : ToyShape.values()) {
      names.add(shape.label());
    }
    return List.copyOf(names);
  }

  /** Part class names in class-index order (element {@code i - 1} names class {@code i}). */
  public static List<String> partClassNames() {
    List<String> names = new ArrayList<>();
    for (ToyShape shape : ToyShape.values()) {
      for (ToyPart part : ToyPart.values()) {
        names.add(partClassName(shape, part));
      }
    }
    return List.copyOf(names);
  }
}
