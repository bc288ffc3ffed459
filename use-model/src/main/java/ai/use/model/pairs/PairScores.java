package ai.use.model.pairs;

/**
 * Precision and recall of pairs against the toy world's truth ({@link ToyPairScorer}).
 *
 * @param objectPairs object-level pairs scored
 * @param objectCorrect of those, the ones whose mask has IoU ≥ 0.5 with their span's true object
 * @param objectsMentioned distinct objects named by a caption span
 * @param objectsFound of those, the ones with at least one correct pair
 * @param partPairs part-level pairs scored
 * @param partCorrect of those, the correct ones
 * @param partsMentioned distinct parts named by a caption span
 * @param partsFound of those, the ones with at least one correct pair
 * @param unmatchedPairs pairs whose main span names no annotation (counted as wrong)
 */
public record PairScores(
    long objectPairs,
    long objectCorrect,
    long objectsMentioned,
    long objectsFound,
    long partPairs,
    long partCorrect,
    long partsMentioned,
    long partsFound,
    long unmatchedPairs) {

  public double objectPrecision() {
    return ratio(objectCorrect, objectPairs);
  }

  public double objectRecall() {
    return ratio(objectsFound, objectsMentioned);
  }

  public double partPrecision() {
    return ratio(partCorrect, partPairs);
  }

  public double partRecall() {
    return ratio(partsFound, partsMentioned);
  }

  private static double ratio(long a, long b) {
    return b == 0 ? 0 : (double) a / b;
  }

  @Override
  public String toString() {
    return String.format(
        "objects: precision %.3f (%d/%d), recall %.3f (%d/%d); parts: precision %.3f (%d/%d),"
            + " recall %.3f (%d/%d); %d pairs name no annotation",
        objectPrecision(),
        objectCorrect,
        objectPairs,
        objectRecall(),
        objectsFound,
        objectsMentioned,
        partPrecision(),
        partCorrect,
        partPairs,
        partRecall(),
        partsFound,
        partsMentioned,
        unmatchedPairs);
  }
}
