package ai.use.model.head;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * One segment's cached head input: per selected block, the LayerNorm-normalized (no affine) patch
 * tokens pooled with the segment's {@link PatchWeights}, and the normalized CLS token of the last
 * selected block; each backbone on its own patch grid. What the {@code features} job stores and
 * training reads (DESIGN.md §5, the exact shortcut). Arrays are not copied; do not mutate them.
 *
 * @param clipBlocks {@code [Kc * Cc]}, block-major
 * @param dinoBlocks {@code [Kd * Cd]}, block-major
 * @param clipCls {@code [Cc]}
 * @param dinoCls {@code [Cd]}
 */
public record PooledFeatures(
    float[] clipBlocks, float[] dinoBlocks, float[] clipCls, float[] dinoCls)
    implements Serializable {
  public PooledFeatures {
    Preconditions.checkNotNull(clipBlocks, "clipBlocks");
    Preconditions.checkNotNull(dinoBlocks, "dinoBlocks");
    Preconditions.checkNotNull(clipCls, "clipCls");
    Preconditions.checkNotNull(dinoCls, "dinoCls");
  }

  /**
   * Fails with the offending field and both lengths when these features do not fit {@code dims}.
   */
  public PooledFeatures checkFits(HeadDims dims) {
    check("clipBlocks", clipBlocks.length, dims.clipBlocks() * dims.clipWidth());
    check("dinoBlocks", dinoBlocks.length, dims.dinoBlocks() * dims.dinoWidth());
    check("clipCls", clipCls.length, dims.clipWidth());
    check("dinoCls", dinoCls.length, dims.dinoWidth());
    return this;
  }

  private static void check(String field, int actual, int expected) {
    Preconditions.checkArgument(
        actual == expected,
        "pooled features: %s has %s values but the head expects %s (were the features made with"
            + " other backbones?)",
        field,
        actual,
        expected);
  }
}
