package ai.use.common.config;

import java.util.List;

/**
 * The {@code spark.use.pairs.*} keys of the model pipeline ({@code pairs --source annotations} and
 * {@code --source vlm}). Registered in {@link ConfigKeys#all()}, so {@code conf/use-defaults.conf}
 * lists them; docs/pairs.md explains each.
 */
public final class PairsKeys {
  private PairsKeys() {}

  public static final ConfigKey<Double> BOX_THRESHOLD =
      ConfigKey.doubleKey(
          "spark.use.pairs.boxThreshold",
          0.3,
          0.0,
          1.0,
          "Smallest grounder score a phrase's box needs; a phrase with no box at or above it is an"
              + " errors row (stage ground).");

  public static final ConfigKey<Double> PART_BOX_THRESHOLD =
      ConfigKey.doubleKey(
          "spark.use.pairs.partBoxThreshold",
          0.05,
          0.0,
          1.0,
          "boxThreshold for part phrases: a part's score multiplies more attribute probabilities"
              + " (part type, part colour, object colour), so it runs lower than an object's.");

  public static final ConfigKey<Integer> BOXES_PER_PHRASE =
      ConfigKey.intKey(
          "spark.use.pairs.boxesPerPhrase",
          1,
          1,
          64,
          "Most boxes kept per phrase (best scores first, after box NMS); each becomes a SAM box"
              + " prompt.");

  public static final ConfigKey<Double> BOX_NMS_IOU =
      ConfigKey.doubleKey(
          "spark.use.pairs.boxNmsIou",
          0.5,
          0.0,
          1.0,
          "Class-agnostic box NMS among one phrase's boxes: a box whose IoU with a better one is"
              + " above this is dropped.");

  public static final ConfigKey<String> MASK_CHOICE =
      ConfigKey.choiceKey(
          "spark.use.pairs.maskChoice",
          "single",
          List.of("single", "best"),
          "Which SAM mask a box prompt keeps: single (output 0, SAM's single-mask output for"
              + " unambiguous prompts) or best (highest predicted IoU of the four).");

  public static final ConfigKey<Double> MASK_NMS_IOU =
      ConfigKey.doubleKey(
          "spark.use.pairs.maskNmsIou",
          0.7,
          0.0,
          1.0,
          "Mask NMS: masks of one granularity with IoU above this are one segment; the best-ranked"
              + " keeps its text, the others' texts become alt_texts.");

  public static final ConfigKey<Double> PART_INSIDE_PARENT =
      ConfigKey.doubleKey(
          "spark.use.pairs.partInsideParent",
          0.8,
          0.0,
          1.0,
          "A part's mask is kept only if at least this share of its pixels lies inside its parent"
              + " object's mask.");

  public static final ConfigKey<Integer> PROMPT_BATCH =
      ConfigKey.intKey(
          "spark.use.pairs.promptBatch",
          32,
          1,
          4096,
          "SAM box prompts per decoder pass (one image's prompts are split into passes of this"
              + " size).");

  public static final ConfigKey<Integer> PHRASE_BATCH =
      ConfigKey.intKey(
          "spark.use.pairs.phraseBatch",
          32,
          1,
          4096,
          "Phrases per grounder pass (one image's phrases are split into passes of this size).");

  /** Every key of this area, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return List.of(
        BOX_THRESHOLD,
        PART_BOX_THRESHOLD,
        BOXES_PER_PHRASE,
        BOX_NMS_IOU,
        MASK_CHOICE,
        MASK_NMS_IOU,
        PART_INSIDE_PARENT,
        PROMPT_BATCH,
        PHRASE_BATCH);
  }
}
