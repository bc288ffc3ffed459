package ai.use.jobs.pairs;

import java.util.Locale;

/** Per-stage counts of the model pipeline, summed over images into the run summary. */
enum PairsCount {
  /** Captioned images whose file was read. */
  IMAGES_READ,
  /** Images that decoded. */
  IMAGES_DECODED,
  CAPTIONS,
  PHRASES,
  OBJECT_PHRASES,
  PART_PHRASES,
  /** Phrases with at least one box (grounded above threshold, or given). */
  PHRASES_WITH_BOX,
  /** SAM box prompts. */
  BOXES,
  /** Non-empty SAM masks. */
  MASKS,
  /** Segments after mask NMS. */
  SEGMENTS,
  /** Candidates merged into another segment by mask NMS. */
  MASKS_MERGED,
  PARTS_OUTSIDE_PARENT,
  PARTS_WITHOUT_PARENT,
  PAIRS;

  /** The run-summary name. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
