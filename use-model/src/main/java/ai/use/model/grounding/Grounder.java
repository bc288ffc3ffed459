package ai.use.model.grounding;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.model.clip.TextTokenizer;
import ai.use.model.image.Geometry;
import ai.use.model.image.ImagePreprocessor;
import ai.use.model.image.ImageTensor;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.Predictions;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code grounder} role (OWLv2-style): an image padded to a square {@code [1,3,S,S]} and one
 * query per phrase (ids {@code [Q,L]}, its own tokenizer) → boxes {@code [Q,T,4]} as (cx, cy, w, h)
 * normalized to the padded square, and scores {@code [Q,T]}. Boxes are mapped back to original
 * pixels and clipped to the image.
 */
public final class Grounder implements AutoCloseable {
  private final LoadedModel model;
  private final Sidecar sidecar;
  private final ImagePreprocessor preprocessor;
  private final TextTokenizer tokenizer;
  private final Predictor<NDList, NDList> predictor;

  public Grounder(LoadedModel model) {
    Preconditions.checkArgument(
        model.spec().role() == ModelRole.GROUNDER, "not a grounder: %s", model.spec());
    this.model = model;
    this.sidecar = model.sidecar();
    Preconditions.checkArgument(
        "pad".equals(sidecar.resizeMode()),
        "the grounder's input must be padded (resize_mode pad)");
    this.preprocessor = ImagePreprocessor.of(sidecar);
    this.tokenizer =
        new TextTokenizer(
            model.localFile().resolveSibling(sidecar.tokenizer()),
            sidecar.contextLength(),
            sidecar.padId());
    this.predictor = model.newPredictor();
  }

  /** For each phrase, its T boxes in original pixels, highest score first. */
  public List<List<ScoredBox>> ground(BufferedImage image, List<String> phrases) {
    Preconditions.checkArgument(!phrases.isEmpty(), "no phrases");
    ImageTensor tensor = preprocessor.apply(image);
    int s = tensor.size();
    int q = phrases.size();
    int t = sidecar.boxesPerQuery();
    try (NDManager manager = model.model().getNDManager().newSubManager()) {
      NDArray x = tensor.toNdArray(manager);
      NDArray ids =
          manager.create(tokenizer.encode(phrases), new Shape(q, sidecar.contextLength()));
      NDList out = Predictions.run(predictor, new NDList(x, ids), model);
      Predictions.requireShape(model, out, 0, new Shape(q, t, 4), "boxes [Q, T, 4]");
      Predictions.requireShape(model, out, 1, new Shape(q, t), "scores [Q, T]");
      float[] boxes = out.get(0).toFloatArray();
      float[] scores = out.get(1).toFloatArray();
      Geometry g = tensor.geometry();
      List<List<ScoredBox>> result = new ArrayList<>(q);
      for (int i = 0; i < q; i++) {
        List<ScoredBox> perPhrase = new ArrayList<>(t);
        for (int j = 0; j < t; j++) {
          int o = (i * t + j) * 4;
          double cx = boxes[o] * s;
          double cy = boxes[o + 1] * s;
          double w = boxes[o + 2] * s;
          double h = boxes[o + 3] * s;
          perPhrase.add(
              new ScoredBox(
                  clip(g.toOriginalX(cx - w / 2), g.width()),
                  clip(g.toOriginalY(cy - h / 2), g.height()),
                  clip(g.toOriginalX(cx + w / 2), g.width()),
                  clip(g.toOriginalY(cy + h / 2), g.height()),
                  scores[i * t + j]));
        }
        perPhrase.sort(Comparator.comparingDouble(ScoredBox::score).reversed());
        result.add(perPhrase);
      }
      return result;
    }
  }

  private static double clip(double v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  @Override
  public void close() {
    predictor.close();
    tokenizer.close();
  }
}
