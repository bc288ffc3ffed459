package ai.use.jobs.query;

import java.io.Serializable;
import java.util.Comparator;

/**
 * One ranked segment: its score for one query and what the outputs need to show it.
 *
 * @param score cosine similarity of the segment's embedding with the query embedding
 * @param imageId stable image id
 * @param segmentId segment id within the image
 * @param imageUri URI of the image file
 * @param modelVersion model version that wrote the segment
 * @param runDate run_date partition of the segment
 * @param box COCO box [x, y, w, h]
 * @param area mask area in pixels
 * @param maskHeight COCO RLE size[0]
 * @param maskWidth COCO RLE size[1]
 * @param maskCounts COCO compressed RLE counts
 */
public record Hit(
    double score,
    String imageId,
    String segmentId,
    String imageUri,
    String modelVersion,
    String runDate,
    double[] box,
    long area,
    int maskHeight,
    int maskWidth,
    String maskCounts)
    implements Serializable {

  /**
   * Best first: higher score, then image id, segment id, run date and model version ascending (a
   * total order, so results never depend on partitioning).
   */
  public static final Comparator<Hit> BEST_FIRST =
      Comparator.comparingDouble(Hit::score)
          .reversed()
          .thenComparing(Hit::imageId)
          .thenComparing(Hit::segmentId)
          .thenComparing(Hit::runDate, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Hit::modelVersion);
}
