package ai.use.model.runtime;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.translate.TranslateException;

/** Runs a predictor and wraps DJL's checked exception once, naming the model. */
public final class Predictions {
  private Predictions() {}

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
