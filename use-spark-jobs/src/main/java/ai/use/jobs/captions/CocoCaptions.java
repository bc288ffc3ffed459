package ai.use.jobs.captions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO captions JSON ({@code captions_train2017.json} and the toy world's {@code captions_*.json}):
 * {@code images[{id, file_name}]} and {@code annotations[{id, image_id, caption}]}; extra fields
 * (the toy world's {@code phrases}) are ignored. Images are keyed by {@code file_name}, relative to
 * {@code --images}.
 */
public final class CocoCaptions {
  private CocoCaptions() {}

  /** Parses the JSON root of a COCO captions file. */
  public static CaptionIndex parse(JsonNode root, String source) {
    Map<Long, String> files = new HashMap<>();
    for (JsonNode image : Json.array(root, "images", source)) {
      long id = Json.requireLong(image, "id", source, "images[]");
      String file = image.path("file_name").asText("");
      if (file.isEmpty()) {
        throw new IllegalArgumentException(
            source + ": image " + id + " has no file_name; every COCO image needs one");
      }
      files.put(id, file);
    }
    Map<String, List<Caption>> byFile = new LinkedHashMap<>();
    for (JsonNode a : Json.array(root, "annotations", source)) {
      long id = Json.requireLong(a, "id", source, "annotations[]");
      long imageId = Json.requireLong(a, "image_id", source, "caption " + id);
      String file = files.get(imageId);
      if (file == null) {
        throw new IllegalArgumentException(
            source
                + ": caption "
                + id
                + " names image_id "
                + imageId
                + ", which is not in images[]");
      }
      JsonNode text = a.path("caption");
      if (!text.isTextual()) {
        throw new IllegalArgumentException(
            source + ": caption " + id + " needs a string 'caption', got " + text);
      }
      byFile
          .computeIfAbsent(file, k -> new ArrayList<>())
          .add(new Caption(id, text.asText(), null));
    }
    return new CaptionIndex(byFile, source);
  }
}
