package ai.use.common.toy;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code spec.json} and the COCO-style files of a split (instances, captions, referring)
 * with a fixed field order, no timestamps and {@code \n} line ends, so equal content gives equal
 * bytes.
 */
final class CocoJsonWriter {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter PRETTY =
      MAPPER.writer(
          new DefaultPrettyPrinter()
              .withObjectIndenter(new DefaultIndenter("  ", "\n"))
              .withArrayIndenter(new DefaultIndenter("  ", "\n")));
  private static final ObjectWriter COMPACT = MAPPER.writer();

  private CocoJsonWriter() {}

  static void writeSpec(Path file, ToyWorldSpec spec) throws IOException {
    write(file, SpecJson.of(spec, MAPPER), PRETTY);
  }

  static void writeInstances(
      Path file, ToyWorldSpec spec, ToySplit split, List<AnnotatedImage> images)
      throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ObjectNode info = root.putObject("info");
    info.put("description", "USE toy world, " + split.label() + " split");
    info.put("spec_version", spec.specVersion());
    info.put("seed", spec.seed());
    info.put("split", split.label());
    ArrayNode annotations = withImages(root, images).putArray("annotations");
    for (AnnotatedImage image : images) {
      for (ToyAnnotation a : image.annotations()) {
        annotations.add(instance(a));
      }
    }
    root.set("categories", categories());
    write(file, root, COMPACT);
  }

  static void writeCaptions(Path file, List<AnnotatedImage> images) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode annotations = withImages(root, images).putArray("annotations");
    for (AnnotatedImage image : images) {
      for (ToyCaption caption : image.captions()) {
        ObjectNode node = annotations.addObject();
        node.put("id", caption.id());
        node.put("image_id", caption.imageId());
        node.put("caption", caption.caption());
        ArrayNode phrases = node.putArray("phrases");
        for (ToyCaption.Phrase p : caption.phrases()) {
          ObjectNode phrase = phrases.addObject();
          phrase.put("start", p.start());
          phrase.put("end", p.end());
          phrase.put("text", p.text());
          phrase.put("ann_id", p.annId());
          phrase.put("granularity", p.granularity());
        }
      }
    }
    write(file, root, COMPACT);
  }

  /** One referring expression per annotation; its id equals the annotation id. */
  static void writeReferring(Path file, List<AnnotatedImage> images) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode annotations = withImages(root, images).putArray("annotations");
    for (AnnotatedImage image : images) {
      for (ToyAnnotation a : image.annotations()) {
        ObjectNode node = annotations.addObject();
        node.put("id", a.id());
        node.put("image_id", a.imageId());
        node.put("ann_id", a.id());
        node.put("phrase", a.referring());
        node.put("granularity", a.granularity());
        bbox(node, a.bbox());
      }
    }
    write(file, root, COMPACT);
  }

  /** Adds the {@code images} array to {@code root} and returns {@code root}. */
  private static ObjectNode withImages(ObjectNode root, List<AnnotatedImage> images) {
    ArrayNode array = root.putArray("images");
    for (AnnotatedImage image : images) {
      ObjectNode node = array.addObject();
      node.put("id", image.imageId());
      node.put("file_name", image.fileName());
      node.put("width", image.scene().width());
      node.put("height", image.scene().height());
    }
    return root;
  }

  private static ObjectNode instance(ToyAnnotation a) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", a.id());
    node.put("image_id", a.imageId());
    node.put("category_id", a.categoryId());
    ObjectNode segmentation = node.putObject("segmentation");
    segmentation.putArray("size").add(a.rle().height()).add(a.rle().width());
    segmentation.put("counts", a.rle().counts());
    node.put("area", a.area());
    bbox(node, a.bbox());
    node.put("iscrowd", 0);
    node.put("granularity", a.granularity());
    if (a.parentId() == null) {
      node.putNull("parent_id");
    } else {
      node.put("parent_id", a.parentId());
    }
    node.put("text", a.text());
    ObjectNode attributes = node.putObject("attributes");
    attributes.put("shape", a.shape().label());
    attributes.put("colour", a.colour().label());
    attributes.put("size", a.size().label());
    if (a.part() == null) {
      attributes.putNull("part");
    } else {
      attributes.put("part", a.part().label());
    }
    return node;
  }

  private static void bbox(ObjectNode node, long[] bbox) {
    ArrayNode array = node.putArray("bbox");
    for (long v : bbox) {
      array.add(v);
    }
  }

  /** Object categories 1–4 then part categories 101–112, in class-index order. */
  static ArrayNode categories() {
    ArrayNode array = MAPPER.createArrayNode();
    for (ToyShape shape : ToyShape.values()) {
      ObjectNode node = array.addObject();
      node.put("id", ToyCategories.objectClass(shape));
      node.put("name", shape.label());
      node.put("supercategory", ToyAnnotation.OBJECT);
    }
    for (ToyShape shape : ToyShape.values()) {
      for (ToyPart part : ToyPart.values()) {
        ObjectNode node = array.addObject();
        node.put("id", ToyCategories.partCategoryId(shape, part));
        node.put("name", ToyCategories.partClassName(shape, part));
        node.put("supercategory", ToyAnnotation.PART);
      }
    }
    return array;
  }

  private static void write(Path file, ObjectNode root, ObjectWriter writer) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, writer.writeValueAsString(root) + "\n");
  }
}
