package ai.use.common.toy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The content of {@code spec.json}: the spec, the vocabulary and the class lists. */
final class SpecJson {
  private SpecJson() {}

  static ObjectNode of(ToyWorldSpec spec, ObjectMapper mapper) {
    ObjectNode root = mapper.createObjectNode();
    root.put("spec_version", spec.specVersion());
    root.put("seed", spec.seed());
    root.put("width", spec.width());
    root.put("height", spec.height());
    ObjectNode splits = root.putObject("splits");
    for (ToySplit split : ToySplit.values()) {
      splits.putObject(split.label()).put("images", spec.images(split));
    }
    root.put("min_heldout_objects", spec.minHeldoutObjects());
    root.put("objects_per_image_min", ToyWorldSpec.MIN_OBJECTS_PER_IMAGE);
    root.put("objects_per_image_max", ToyWorldSpec.MAX_OBJECTS_PER_IMAGE);
    root.put("min_visible_fraction", SceneSampler.MIN_VISIBLE_FRACTION);
    root.put("min_visible_part_pixels", SceneSampler.MIN_VISIBLE_PART_PIXELS);
    root.put("handle_probability", SceneSampler.HANDLE_PROBABILITY);
    root.put("top_fraction", ShapeRasterizer.TOP_FRACTION);
    ObjectNode vocabulary = root.putObject("vocabulary");
    ArrayNode shapes = vocabulary.putArray("shapes");
    for (ToyShape shape : ToyShape.values()) {
      shapes.add(shape.label());
    }
    ObjectNode colours = vocabulary.putObject("colours");
    for (ToyColour colour : ToyColour.values()) {
      colours.putArray(colour.label()).add(colour.red()).add(colour.green()).add(colour.blue());
    }
    ObjectNode sizes = vocabulary.putObject("sizes");
    for (ToySize size : ToySize.values()) {
      sizes.putArray(size.label()).add(size.minExtent()).add(size.maxExtent());
    }
    ArrayNode parts = vocabulary.putArray("parts");
    for (ToyPart part : ToyPart.values()) {
      parts.add(part.label());
    }
    ArrayNode background = vocabulary.putArray("background_rgb");
    for (int v : ToyColour.BACKGROUND_RGB) {
      background.add(v);
    }
    ObjectNode classes = root.putObject("classes");
    classes.set("objects", strings(mapper, ToyCategories.objectClassNames()));
    classes.set("parts", strings(mapper, ToyCategories.partClassNames()));
    classes.set("categories", CocoJsonWriter.categories());
    return root;
  }

  private static ArrayNode strings(ObjectMapper mapper, List<String> values) {
    ArrayNode array = mapper.createArrayNode();
    values.forEach(array::add);
    return array;
  }
}
