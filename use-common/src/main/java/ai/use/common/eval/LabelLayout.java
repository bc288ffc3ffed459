package ai.use.common.eval;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a benchmark stores class indices in its label maps and which values are "ignore". Maps a raw
 * pixel value to a class index in {@code [0, n)} or {@link #IGNORE}.
 *
 * <ul>
 *   <li>{@code reduceZeroLabel} layouts (ADE20K-150, Pascal Context-59, the toy world) store class
 *       {@code k} (0-based) as {@code k + 1} and use 0 for "other / background", which is ignored:
 *       exactly mmsegmentation's {@code reduce_zero_label} (0 → 255, k → k − 1, 255 stays ignored).
 *   <li>Index layouts (ADE20K-847, Pascal Context-459, {@code index}) store class {@code k} as
 *       {@code k} and one value ({@link #ignoreValue}) for ignore: 65535 in the 16-bit
 *       full-vocabulary layouts (as detectron2/MaskFormer prepare them), 255 in 8-bit ones.
 * </ul>
 *
 * @param name the layout's name on the command line
 * @param classCount classes the layout has, or 0 when the class list decides (toy, index)
 * @param reduceZeroLabel whether raw 0 is ignore and raw k is class k − 1
 * @param ignoreValue the raw value that means ignore (besides 0 in reduce-zero layouts)
 * @param description one line for the docs and {@code --help}
 */
public record LabelLayout(
    String name, int classCount, boolean reduceZeroLabel, int ignoreValue, String description)
    implements java.io.Serializable {
  /** Class index returned for ignored pixels. */
  public static final int IGNORE = -1;

  /** The toy world (docs/toy-world.md): 0 = background (ignored), k = line k of classes.txt. */
  public static final LabelLayout TOY =
      new LabelLayout(
          "toy", 0, true, 255, "toy world: 8-bit, 0 = background (ignored), k = class k (1-based)");

  /** ADE20K SceneParsing, 150 classes: 8-bit, 0 = other (ignored), k = class k − 1. */
  public static final LabelLayout ADE20K_150 =
      new LabelLayout(
          "ade20k-150",
          150,
          true,
          255,
          "ADEChallengeData2016 annotations: 8-bit, 0 = other (ignored), k = class k-1");

  /** ADE20K-Full, 847 classes, as MaskFormer prepares it: 16-bit, k = class k, 65535 ignored. */
  public static final LabelLayout ADE20K_847 =
      new LabelLayout(
          "ade20k-847",
          847,
          false,
          65535,
          "ADE20K-Full (MaskFormer's prepare_ade20k_full_sem_seg): 16-bit, k = class k, 65535"
              + " ignored");

  /** Pascal Context, 59 classes (mmseg's PascalContextDataset59): 8-bit, 0 = background ignored. */
  public static final LabelLayout PASCAL_CONTEXT_59 =
      new LabelLayout(
          "pascal-context-59",
          59,
          true,
          255,
          "Pascal Context 59: 8-bit, 0 = background (ignored), k = class k-1");

  /**
   * Pascal Context, 459 classes (the full set, as CAT-Seg/SAN prepare it): 16-bit, 65535 ignored.
   */
  public static final LabelLayout PASCAL_CONTEXT_459 =
      new LabelLayout(
          "pascal-context-459",
          459,
          false,
          65535,
          "Pascal Context 459 (full): 16-bit, k = class k, 65535 ignored");

  /** Generic 8-bit index maps (detectron2's sem_seg default): k = class k, 255 ignored. */
  public static final LabelLayout INDEX =
      new LabelLayout("index", 0, false, 255, "generic 8-bit: k = class k, 255 ignored");

  /** Generic 16-bit index maps: k = class k, 65535 ignored. */
  public static final LabelLayout INDEX16 =
      new LabelLayout("index16", 0, false, 65535, "generic 16-bit: k = class k, 65535 ignored");

  /** Every named layout, in documentation order. */
  public static List<LabelLayout> all() {
    return List.of(
        TOY, ADE20K_150, ADE20K_847, PASCAL_CONTEXT_59, PASCAL_CONTEXT_459, INDEX, INDEX16);
  }

  /** The layout called {@code name}; fails naming the allowed names. */
  public static LabelLayout named(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    return all().stream()
        .filter(l -> l.name().equals(key))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown label layout '"
                        + name
                        + "'; allowed: "
                        + all().stream().map(LabelLayout::name).collect(Collectors.joining(", "))));
  }

  /**
   * Class index of a raw value in {@code [0, n)}, or {@link #IGNORE}; values that are neither fail
   * with {@link EvalInputException} naming {@code source}.
   */
  public int toClass(int raw, int n, String source) {
    if (raw == ignoreValue || (reduceZeroLabel && raw == 0)) {
      return IGNORE;
    }
    int k = reduceZeroLabel ? raw - 1 : raw;
    if (k < 0 || k >= n) {
      throw new EvalInputException(
          EvalInputException.Kind.VALUE_OUT_OF_RANGE,
          source
              + " holds the value "
              + raw
              + ", which is neither ignore nor one of the "
              + n
              + " classes of layout "
              + name
              + " (allowed: "
              + allowedValues(n)
              + ")");
    }
    return k;
  }

  /** Class indices of every pixel (see {@link #toClass}). */
  public int[] toClasses(LabelImage image, int n, String source) {
    int[] raw = image.values();
    int[] out = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = toClass(raw[i], n, source);
    }
    return out;
  }

  /** Checks a class list's size against the layout's own class count. */
  public void checkClassCount(int n, String classesSource) {
    if (n == 0) {
      throw new IllegalArgumentException("class list " + classesSource + " is empty");
    }
    if (classCount != 0 && n != classCount) {
      throw new IllegalArgumentException(
          "layout "
              + name
              + " has "
              + classCount
              + " classes but "
              + classesSource
              + " lists "
              + n
              + "; pass the benchmark's own class list or --layout index/index16");
    }
    int maxRaw = reduceZeroLabel ? n : n - 1;
    if (maxRaw >= ignoreValue) {
      throw new IllegalArgumentException(
          "layout "
              + name
              + " cannot store "
              + n
              + " classes (ignore value "
              + ignoreValue
              + "); use a 16-bit layout such as index16");
    }
  }

  private String allowedValues(int n) {
    return reduceZeroLabel
        ? "0 = ignore, 1.." + n + ", " + ignoreValue + " = ignore"
        : "0.." + (n - 1) + ", " + ignoreValue + " = ignore";
  }

  @Override
  public String toString() {
    return name;
  }
}
