package ai.use.jobs.captions;

import java.io.Serializable;

/**
 * One caption of one image.
 *
 * @param id caption id: COCO caption id, Visual Genome region id, the table's {@code caption_id}
 *     (or, without that column, a stable hash of image key and caption)
 * @param text the caption
 * @param regionXywh for a region description: its box {@code [x, y, w, h]} in pixels, which the
 *     text refers to as a whole (grounding is skipped); null for a whole-image caption
 */
public record Caption(long id, String text, double[] regionXywh) implements Serializable {

  /** Whether the caption describes a given box (grounding skipped). */
  public boolean isRegion() {
    return regionXywh != null;
  }
}
