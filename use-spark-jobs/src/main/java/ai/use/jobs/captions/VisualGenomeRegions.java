package ai.use.jobs.captions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Visual Genome {@code region_descriptions.json}: a list of {@code {id | image_id, regions: [{
 * region_id, image_id, phrase, x, y, width, height}]}}. Each region's phrase describes its box, so
 * the pairs job prompts SAM with the box directly and skips grounding. Images are keyed by their
 * numeric id, which Visual Genome's file names carry ({@code VG_100K/<id>.jpg}).
 */
public final class VisualGenomeRegions {
  private VisualGenomeRegions() {}

  /** Parses the JSON root (an array) of a region descriptions file. */
  public static CaptionIndex parse(JsonNode root, String source) {
    Map<String, List<Caption>> byImage = new LinkedHashMap<>();
    for (JsonNode image : root) {
      JsonNode id = image.has("id") ? image.path("id") : image.path("image_id");
      if (!id.isIntegralNumber()) {
        throw new IllegalArgumentException(
            source + ": an image entry needs an integer 'id' (or 'image_id'), got " + id);
      }
      List<Caption> regions = new ArrayList<>();
      for (JsonNode r : Json.array(image, "regions", source)) {
        long regionId = Json.requireLong(r, "region_id", source, "image " + id + " regions[]");
        double[] box = new double[4];
        String[] fields = {"x", "y", "width", "height"};
        for (int i = 0; i < 4; i++) {
          JsonNode v = r.path(fields[i]);
          if (!v.isNumber()) {
            throw new IllegalArgumentException(
                source
                    + ": region "
                    + regionId
                    + " needs a number '"
                    + fields[i]
                    + "', got "
                    + (v.isMissingNode() ? "nothing" : v));
          }
          box[i] = v.asDouble();
        }
        JsonNode phrase = r.path("phrase");
        if (!phrase.isTextual()) {
          throw new IllegalArgumentException(
              source + ": region " + regionId + " needs a string 'phrase', got " + phrase);
        }
        regions.add(new Caption(regionId, phrase.asText(), box));
      }
      byImage.computeIfAbsent(id.asText(), k -> new ArrayList<>()).addAll(regions);
    }
    return new CaptionIndex(byImage, source);
  }
}
