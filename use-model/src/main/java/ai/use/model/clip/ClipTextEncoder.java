package ai.use.model.clip;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.TranslateException;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * The {@code clip-text} role: texts → token ids {@code [B, L]} (tokenizer beside the model) →
 * projected text embeddings {@code [B, D]} (not normalized), in batches. One instance per task: it
 * owns a predictor.
 */
public final class ClipTextEncoder implements AutoCloseable {
  private final LoadedModel model;
  private final TextTokenizer tokenizer;
  private final Predictor<NDList, NDList> predictor;
  private final int batchSize;

  public ClipTextEncoder(LoadedModel model, int batchSize) {
    Preconditions.checkArgument(
        model.spec().role() == ModelRole.CLIP_TEXT, "not a clip-text model: %s", model.spec());
    Preconditions.checkArgument(batchSize > 0, "batch size must be positive");
    Sidecar s = model.sidecar();
    this.model = model;
    this.tokenizer =
        new TextTokenizer(
            model.localFile().resolveSibling(s.tokenizer()), s.contextLength(), s.padId());
    this.predictor = model.newPredictor();
    this.batchSize = batchSize;
  }

  /** Embeddings {@code [texts.size()][D]}. */
  public float[][] embed(List<String> texts) {
    int d = model.sidecar().outputWidth();
    int l = tokenizer.contextLength();
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < texts.size(); start += batchSize) {
      List<String> batch = texts.subList(start, Math.min(texts.size(), start + batchSize));
      try (NDManager manager = model.model().getNDManager().newSubManager()) {
        NDArray ids = manager.create(tokenizer.encode(batch), new Shape(batch.size(), l));
        float[] flat = predictor.predict(new NDList(ids)).singletonOrThrow().toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          out[start + i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
      } catch (TranslateException e) {
        throw new IllegalStateException("clip-text model " + model.spec().uri() + " failed", e);
      }
    }
    return out;
  }

  /** The tokenizer (for inspection). */
  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public void close() {
    predictor.close();
    tokenizer.close();
  }
}
