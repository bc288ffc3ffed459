package ai.use.jobs.captions;

import ai.use.common.id.StableIds;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Captions by image, built on the driver and broadcast to executors. Keys are what the source names
 * images by: a path relative to the images root (COCO {@code file_name}, a table's relative {@code
 * uri}), a full URI, a stable {@code image_id}, or a file-name stem (Visual Genome's numeric image
 * id, as in {@code VG_100K/2345.jpg}).
 */
public final class CaptionIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<Caption>> byKey;
  private final int captions;
  private final String source;

  /**
   * @param byKey captions per image key
   * @param source the captions file or table (for messages)
   */
  public CaptionIndex(Map<String, List<Caption>> byKey, String source) {
    this.byKey = Map.copyOf(byKey);
    this.captions = byKey.values().stream().mapToInt(List::size).sum();
    this.source = source;
  }

  /** The captions of an image, or an empty list. */
  public List<Caption> lookup(String uri, String relativePath) {
    for (String key : keys(uri, relativePath)) {
      List<Caption> c = byKey.get(key);
      if (c != null) {
        return c;
      }
    }
    return List.of();
  }

  /** The keys an image may be filed under, most specific first. */
  public static List<String> keys(String uri, String relativePath) {
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return List.of(relativePath, uri, StableIds.imageId(uri), stem);
  }

  /** Whether some image key names this image. */
  public boolean has(String uri, String relativePath) {
    return !lookup(uri, relativePath).isEmpty();
  }

  public Map<String, List<Caption>> all() {
    return byKey;
  }

  public int images() {
    return byKey.size();
  }

  public int captions() {
    return captions;
  }

  public String source() {
    return source;
  }
}
