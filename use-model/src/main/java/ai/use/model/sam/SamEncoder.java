package ai.use.model.sam;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.model.image.ImagePreprocessor;
import ai.use.model.image.ImageTensor;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.Predictions;
import ai.use.model.spec.ModelRole;
import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;

/**
 * The {@code sam-encoder} role: an image → float {@code [1,3,1024,1024]} (longest side 1024, SAM
 * normalization, zero-padded bottom/right) → embedding {@code [1,256,64,64]}. Runs once per image
 * (or crop); one instance per task.
 */
public final class SamEncoder implements AutoCloseable {
  /** SAM's embedding shape. */
  public static final Shape EMBEDDING = new Shape(1, 256, 64, 64);

  private final LoadedModel model;
  private final ImagePreprocessor preprocessor;
  private final Predictor<NDList, NDList> predictor;

  public SamEncoder(LoadedModel model) {
    Preconditions.checkArgument(
        model.spec().role() == ModelRole.SAM_ENCODER, "not a sam-encoder: %s", model.spec());
    this.model = model;
    this.preprocessor = ImagePreprocessor.of(model.sidecar());
    this.predictor = model.newPredictor();
  }

  /** The embedding of a {@code TYPE_3BYTE_BGR} image, attached to {@code manager}. */
  public SamEmbedding encode(BufferedImage image, NDManager manager) {
    return encode(preprocess(image), manager);
  }

  /**
   * A {@code TYPE_3BYTE_BGR} image as the encoder takes it: longest side resized to S, normalized,
   * zero-padded to float {@code [3,S,S]} (the first half of {@link #encode(BufferedImage,
   * NDManager)}, for callers that time it apart).
   */
  public ImageTensor preprocess(BufferedImage image) {
    return preprocessor.apply(image);
  }

  /** The embedding {@code [1,256,64,64]} of an image {@link #preprocess}ed by this encoder. */
  public SamEmbedding encode(ImageTensor tensor, NDManager manager) {
    NDArray x = tensor.toNdArray(manager);
    NDList out = Predictions.run(predictor, new NDList(x), model);
    NDArray embedding = Predictions.requireShape(model, out, 0, EMBEDDING, "image embedding");
    embedding.attach(manager);
    return new SamEmbedding(embedding, tensor.geometry());
  }

  @Override
  public void close() {
    predictor.close();
  }
}
