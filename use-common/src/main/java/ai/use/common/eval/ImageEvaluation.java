package ai.use.common.eval;

/**
 * Evaluates one predicted label map against its ground truth: maps both through their layouts and
 * counts every pixel into a fresh {@link ConfusionMatrix}.
 */
public final class ImageEvaluation implements java.io.Serializable {
  private static final long serialVersionUID = 1L;

  private final LabelLayout groundTruthLayout;
  private final LabelLayout predictionLayout;
  private final int classes;

  /**
   * @param groundTruthLayout how the ground-truth maps store classes and ignore
   * @param predictionLayout how the prediction maps do (often the same layout)
   * @param classes number of classes (the class list's size)
   */
  public ImageEvaluation(LabelLayout groundTruthLayout, LabelLayout predictionLayout, int classes) {
    this.groundTruthLayout = groundTruthLayout;
    this.predictionLayout = predictionLayout;
    this.classes = classes;
  }

  /**
   * The confusion matrix of one image. Fails with {@link EvalInputException} when the sizes differ
   * or a map holds a value outside its layout.
   */
  public ConfusionMatrix evaluate(
      LabelImage groundTruth, String groundTruthSource, LabelImage prediction, String predSource) {
    if (groundTruth.width() != prediction.width() || groundTruth.height() != prediction.height()) {
      throw new EvalInputException(
          EvalInputException.Kind.SIZE_MISMATCH,
          "prediction "
              + predSource
              + " is "
              + prediction.width()
              + "x"
              + prediction.height()
              + " but its ground truth "
              + groundTruthSource
              + " is "
              + groundTruth.width()
              + "x"
              + groundTruth.height()
              + "; predictions must have the ground truth's size (resize with nearest neighbour)");
    }
    int[] gt = groundTruthLayout.toClasses(groundTruth, classes, groundTruthSource);
    int[] pred = predictionLayout.toClasses(prediction, classes, predSource);
    ConfusionMatrix m = new ConfusionMatrix(classes);
    m.addAll(gt, pred);
    return m;
  }
}
