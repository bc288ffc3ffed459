package ai.use.jobs.pairs;

import ai.use.common.coco.CocoAnnotation;
import ai.use.common.coco.CocoCategory;
import ai.use.common.coco.CocoDataset;
import ai.use.common.coco.CocoImage;
import com.google.common.collect.ImmutableListMultimap;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground-truth annotations keyed by image file name (relative to the images root), built on the
 * driver and broadcast to executors.
 */
public final class GroundTruthIndex implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Map<String, AnnotatedImage> byFileName;
  private final int annotationCount;

  private GroundTruthIndex(Map<String, AnnotatedImage> byFileName, int annotationCount) {
    this.byFileName = byFileName;
    this.annotationCount = annotationCount;
  }

  /** Builds the index from an instances file and optional caption phrases per annotation id. */
  public static GroundTruthIndex of(CocoDataset dataset, Map<Long, List<String>> phrases) {
    ImmutableListMultimap<Long, CocoAnnotation> byImage = dataset.annotationsByImage();
    Map<String, AnnotatedImage> index = new LinkedHashMap<>();
    int count = 0;
    for (CocoImage image : dataset.images().values()) {
      List<GroundTruthSegment> segments = new ArrayList<>();
      for (CocoAnnotation a : byImage.get(image.id())) {
        CocoCategory category = dataset.categories().get(a.categoryId());
        String text = a.text() != null ? a.text() : category != null ? category.name() : null;
        List<String> alt = new ArrayList<>();
        for (String phrase : phrases.getOrDefault(a.id(), List.of())) {
          if (!phrase.equals(text) && !alt.contains(phrase)) {
            alt.add(phrase);
          }
        }
        segments.add(
            new GroundTruthSegment(
                a.id(), a.parentId(), a.granularity(), text, List.copyOf(alt), a.segmentation()));
        count++;
      }
      if (index.put(image.fileName(), new AnnotatedImage(image, List.copyOf(segments))) != null) {
        throw new IllegalArgumentException(
            dataset.source() + ": file_name " + image.fileName() + " appears twice");
      }
    }
    return new GroundTruthIndex(index, count);
  }

  /** The annotated image for a relative path, or null. */
  public AnnotatedImage get(String relativePath) {
    return byFileName.get(relativePath);
  }

  public Map<String, AnnotatedImage> all() {
    return byFileName;
  }

  public int annotationCount() {
    return annotationCount;
  }
}
