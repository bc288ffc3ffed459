package ai.use.model.pairs;

import ai.use.common.mask.Rle;
import java.io.Serializable;

/**
 * One phrase's mask before duplicates are merged: a box (grounded or given) prompted into SAM.
 *
 * @param phrase index of the phrase in its image's phrase list
 * @param text the phrase text
 * @param span where the phrase is in its caption
 * @param part whether the phrase names a part of an object
 * @param parentPhrase for a part: index of its object phrase in the same list; -1 otherwise
 * @param boxRank which of the phrase's boxes (0 = best) prompted the mask
 * @param mask the mask in the original image
 * @param groundingScore the grounder's score of the box; null when the box came with the data
 * @param maskScore SAM's predicted IoU of the chosen mask
 * @param stability SAM's stability score of the chosen mask
 */
public record SegmentCandidate(
    int phrase,
    String text,
    TextSpan span,
    boolean part,
    int parentPhrase,
    int boxRank,
    Rle mask,
    Double groundingScore,
    double maskScore,
    double stability)
    implements Serializable {

  /**
   * The score mask NMS ranks by: predicted IoU × grounding score (× 1 for a given box), so the
   * best-grounded, best-segmented duplicate keeps its text as the main one.
   */
  public double rank() {
    return maskScore * (groundingScore == null ? 1.0 : groundingScore);
  }
}
