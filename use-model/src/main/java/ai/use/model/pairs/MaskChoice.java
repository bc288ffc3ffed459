package ai.use.model.pairs;

import ai.use.model.sam.SamOutput;
import java.util.Locale;

/**
 * Which of SAM's four masks a box prompt keeps ({@code spark.use.pairs.maskChoice}).
 *
 * <ul>
 *   <li>{@link #SINGLE}: output 0, the single-mask output SAM's authors recommend for unambiguous
 *       prompts such as a box ({@code multimask_output=False});
 *   <li>{@link #BEST}: of all four outputs, the one with the highest predicted IoU (first on ties),
 *       as SAM's predictor does with {@code multimask_output=True}.
 * </ul>
 *
 * docs/pairs.md gives the measured difference on the toy world and why the default is what it is.
 */
public enum MaskChoice {
  SINGLE,
  BEST;

  /** The chosen mask index of prompt {@code p} in {@code out}. */
  public int index(SamOutput out, int p) {
    return this == SINGLE ? 0 : out.best(p);
  }

  /** The key value ({@code single} or {@code best}). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a key value; fails naming the allowed values. */
  public static MaskChoice of(String id) {
    for (MaskChoice c : values()) {
      if (c.id().equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("mask choice '" + id + "' is not single or best");
  }
}
