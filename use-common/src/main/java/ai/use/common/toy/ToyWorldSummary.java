package ai.use.common.toy;

import java.util.Map;

/**
 * What {@link ToyWorldGenerator#generate} wrote.
 *
 * @param spec the spec it was generated from
 * @param splits counts per split, keyed by split
 */
public record ToyWorldSummary(ToyWorldSpec spec, Map<ToySplit, Split> splits) {
  public ToyWorldSummary {
    splits = Map.copyOf(splits);
  }

  /** Counts of one split. */
  public Split split(ToySplit split) {
    return splits.get(split);
  }

  /**
   * Counts of one split.
   *
   * @param images images written
   * @param objects object annotations
   * @param parts part annotations
   * @param annotations all instance annotations ({@code objects + parts}); also the number of
   *     referring expressions
   * @param captions captions
   * @param phrases phrase spans over all captions
   */
  public record Split(
      int images, int objects, int parts, int annotations, int captions, int phrases) {}
}
