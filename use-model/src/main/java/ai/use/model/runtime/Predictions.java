package ai.use.model.runtime;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslateException;

/** Runs a predictor and wraps DJL's checked exception once, naming the model. */
public final class Predictions {
  private Predictions() {}

  /**
   * Output {@code index} of {@code outputs}, failing with the role, file, expected and found shape
   * when it does not have the shape the contract and sidecar promise.
   */
  public static ai.djl.ndarray.NDArray requireShape(
      LoadedModel model,
      NDList outputs,
      int index,
      ai.djl.ndarray.types.Shape expected,
      String what) {
    if (outputs.size() <= index || !outputs.get(index).getShape().equals(expected)) {
      throw new IllegalStateException(
          model.spec().role()
              + " model "
              + model.spec().uri()
              + ": output "
              + index
              + " "
              + what
              + " expected "
              + expected
              + ", found "
              + (outputs.size() <= index ? "no output" : outputs.get(index).getShape())
              + "; the sidecar and the file disagree");
    }
    return outputs.get(index);
  }

  public static NDList run(Predictor<NDList, NDList> predictor, NDList inputs, LoadedModel model) {
    try {
      return predictor.predict(inputs);
    } catch (TranslateException | RuntimeException e) {
      throw new IllegalStateException(
          model.spec().role()
              + " model "
              + model.spec().uri()
              + " failed on inputs "
              + java.util.Arrays.toString(inputs.getShapes())
              + ": "
              + e.getMessage(),
          e);
    }
  }
}
