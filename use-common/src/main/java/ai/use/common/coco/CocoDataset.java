package ai.use.common.coco;

import com.google.common.collect.ImmutableListMultimap;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Multimaps;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A parsed COCO instances file (plus, optionally, caption phrases per annotation).
 *
 * @param source where it was read from (for messages)
 * @param images images by id
 * @param annotations annotations in file order
 * @param categories categories by id
 */
public record CocoDataset(
    String source,
    Map<Long, CocoImage> images,
    List<CocoAnnotation> annotations,
    Map<Long, CocoCategory> categories) {

  public CocoDataset {
    images = ImmutableMap.copyOf(images);
    annotations = List.copyOf(annotations);
    categories = ImmutableMap.copyOf(categories);
  }

  /** Annotations grouped by image id, in file order. */
  public ImmutableListMultimap<Long, CocoAnnotation> annotationsByImage() {
    return Multimaps.index(annotations, CocoAnnotation::imageId);
  }

  /** Images keyed by their file name. */
  public Map<String, CocoImage> imagesByFileName() {
    return images.values().stream()
        .collect(ImmutableMap.toImmutableMap(CocoImage::fileName, Function.identity()));
  }
}
