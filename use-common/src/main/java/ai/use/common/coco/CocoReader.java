package ai.use.common.coco;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads COCO-style JSON: instances files (images, annotations with polygon or RLE segmentation,
 * categories) and caption files whose captions carry phrase spans ({@code phrases: [{start, end,
 * text, ann_id}]}). A broken file fails naming the source and the field; a broken annotation
 * becomes a {@link CocoSegmentation.Invalid} the job turns into an errors row.
 */
public final class CocoReader {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CocoReader() {}

  /** Parses an instances file. */
  public static CocoDataset readInstances(InputStream in, String source) throws IOException {
    JsonNode root = readRoot(in, source);
    Map<Long, CocoImage> images = new LinkedHashMap<>();
    for (JsonNode image : requireArray(root, "images", source)) {
      long id = requireLong(image, "id", source, "images[]");
      String fileName = image.path("file_name").asText(null);
      if (fileName == null || fileName.isEmpty()) {
        throw new IllegalArgumentException(
            source + ": image " + id + " has no file_name; every COCO image needs one");
      }
      if (images.put(
              id,
              new CocoImage(
                  id, fileName, image.path("width").asInt(0), image.path("height").asInt(0)))
          != null) {
        throw new IllegalArgumentException(source + ": image id " + id + " appears twice");
      }
    }
    Map<Long, CocoCategory> categories = new LinkedHashMap<>();
    for (JsonNode c : root.path("categories")) {
      long id = requireLong(c, "id", source, "categories[]");
      categories.put(
          id, new CocoCategory(id, c.path("name").asText(""), c.path("supercategory").asText("")));
    }
    List<CocoAnnotation> annotations = new ArrayList<>();
    for (JsonNode a : requireArray(root, "annotations", source)) {
      annotations.add(annotation(a, source));
    }
    return new CocoDataset(source, images, annotations, categories);
  }

  private static CocoAnnotation annotation(JsonNode a, String source) {
    long id = requireLong(a, "id", source, "annotations[]");
    long imageId = requireLong(a, "image_id", source, "annotation " + id);
    JsonNode bbox = a.path("bbox");
    double[] box = null;
    if (bbox.isArray() && bbox.size() == 4) {
      box = new double[4];
      for (int i = 0; i < 4; i++) {
        box[i] = bbox.get(i).asDouble();
      }
    }
    JsonNode parent = a.path("parent_id");
    JsonNode text = a.path("text");
    return new CocoAnnotation(
        id,
        imageId,
        a.path("category_id").asLong(0),
        segmentation(a.path("segmentation")),
        box,
        a.path("iscrowd").asInt(0) != 0,
        a.path("granularity").asText("object"),
        parent.isNumber() ? parent.asLong() : null,
        text.isTextual() && !text.asText().isBlank() ? text.asText() : null);
  }

  /** Parses one {@code segmentation} value; never throws. */
  static CocoSegmentation segmentation(JsonNode s) {
    if (s.isMissingNode() || s.isNull()) {
      return new CocoSegmentation.Invalid("annotation has no segmentation");
    }
    if (s.isObject()) {
      JsonNode size = s.path("size");
      JsonNode counts = s.path("counts");
      if (!size.isArray() || size.size() != 2) {
        return new CocoSegmentation.Invalid("RLE segmentation needs size [height, width]");
      }
      int h = size.get(0).asInt();
      int w = size.get(1).asInt();
      try {
        if (counts.isTextual()) {
          return new CocoSegmentation.RleSegmentation(new Rle(h, w, counts.asText()));
        }
        if (counts.isArray()) {
          long[] runs = new long[counts.size()];
          for (int i = 0; i < runs.length; i++) {
            runs[i] = counts.get(i).asLong();
          }
          return new CocoSegmentation.RleSegmentation(new Rle(h, w, CocoRle.countsToString(runs)));
        }
      } catch (IllegalArgumentException e) {
        return new CocoSegmentation.Invalid("invalid RLE segmentation: " + e.getMessage());
      }
      return new CocoSegmentation.Invalid("RLE segmentation needs counts (a string or a list)");
    }
    if (s.isArray()) {
      List<double[]> polygons = new ArrayList<>();
      for (JsonNode polygon : s) {
        if (!polygon.isArray() || polygon.size() < 6 || polygon.size() % 2 != 0) {
          return new CocoSegmentation.Invalid(
              "a polygon needs an even number of at least 6 coordinates, got "
                  + (polygon.isArray() ? polygon.size() : polygon.getNodeType()));
        }
        double[] xy = new double[polygon.size()];
        for (int i = 0; i < xy.length; i++) {
          if (!polygon.get(i).isNumber()) {
            return new CocoSegmentation.Invalid("polygon coordinate " + i + " is not a number");
          }
          xy[i] = polygon.get(i).asDouble();
        }
        polygons.add(xy);
      }
      if (polygons.isEmpty()) {
        return new CocoSegmentation.Invalid("segmentation is an empty polygon list");
      }
      return new CocoSegmentation.Polygons(polygons);
    }
    return new CocoSegmentation.Invalid("segmentation must be an RLE object or a polygon list");
  }

  /**
   * Caption phrases per annotation id, from a captions file whose captions carry {@code phrases}
   * spans. Phrase texts are kept in file order, without duplicates.
   */
  public static Map<Long, List<String>> readCaptionPhrases(InputStream in, String source)
      throws IOException {
    JsonNode root = readRoot(in, source);
    Map<Long, Set<String>> phrases = new LinkedHashMap<>();
    for (JsonNode caption : requireArray(root, "annotations", source)) {
      String text = caption.path("caption").asText("");
      for (JsonNode phrase : caption.path("phrases")) {
        if (!phrase.path("ann_id").isNumber()) {
          continue;
        }
        int start = phrase.path("start").asInt(-1);
        int end = phrase.path("end").asInt(-1);
        String span =
            start >= 0 && end <= text.length() && start < end
                ? text.substring(start, end)
                : phrase.path("text").asText("");
        if (!span.isBlank()) {
          phrases
              .computeIfAbsent(phrase.get("ann_id").asLong(), k -> new LinkedHashSet<>())
              .add(span);
        }
      }
    }
    Map<Long, List<String>> out = new LinkedHashMap<>();
    phrases.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return out;
  }

  private static JsonNode readRoot(InputStream in, String source) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(source + " is not a COCO JSON object");
    }
    return root;
  }

  private static JsonNode requireArray(JsonNode root, String field, String source) {
    JsonNode node = root.path(field);
    if (!node.isArray()) {
      throw new IllegalArgumentException(
          source + " has no '" + field + "' list; is it a COCO " + "instances/captions file?");
    }
    return node;
  }

  private static long requireLong(JsonNode node, String field, String source, String where) {
    JsonNode v = node.path(field);
    if (!v.isIntegralNumber()) {
      throw new IllegalArgumentException(
          source + ": " + where + " needs an integer '" + field + "', got " + v);
    }
    return v.asLong();
  }
}
