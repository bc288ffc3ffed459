package ai.use.model.vit;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.use.model.image.ImagePreprocessor;
import ai.use.model.image.ImageTensor;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.Predictions;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.Sidecar;
import com.google.common.base.Preconditions;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The frozen image backbones: {@code clip-image} (float {@code [B,3,S,S]} → hidden {@code
 * [K,B,1+N,C]} and dense text-space tokens {@code [B,1+N,D]}) and {@code dinov2} (→ hidden {@code
 * [K',B,1+N',C']}). Batches images; checks every output shape against the sidecar. One instance per
 * task (it owns a predictor).
 */
public final class VitEncoder implements AutoCloseable {
  private final LoadedModel model;
  private final Sidecar sidecar;
  private final ImagePreprocessor preprocessor;
  private final Predictor<NDList, NDList> predictor;
  private final int batchSize;

  public VitEncoder(LoadedModel model, int batchSize) {
    ModelRole role = model.spec().role();
    Preconditions.checkArgument(
        role == ModelRole.CLIP_IMAGE || role == ModelRole.DINOV2,
        "not an image backbone: %s",
        model.spec());
    Preconditions.checkArgument(batchSize > 0, "batch size must be positive");
    this.model = model;
    this.sidecar = model.sidecar();
    this.preprocessor = ImagePreprocessor.of(sidecar);
    this.predictor = model.newPredictor();
    this.batchSize = batchSize;
  }

  /** Features of each image ({@code TYPE_3BYTE_BGR}), in order. */
  public List<VitFeatures> encode(List<BufferedImage> images) {
    return encodePreprocessed(preprocess(images));
  }

  /**
   * Each image ({@code TYPE_3BYTE_BGR}) resized or padded and normalized as the sidecar says: float
   * {@code [3,S,S]} each, in order (the first half of {@link #encode}, for callers that time it
   * apart).
   */
  public List<ImageTensor> preprocess(List<BufferedImage> images) {
    List<ImageTensor> out = new ArrayList<>(images.size());
    for (BufferedImage image : images) {
      out.add(preprocessor.apply(image));
    }
    return out;
  }

  /** Features of images {@link #preprocess}ed by this encoder, in order, in batches. */
  public List<VitFeatures> encodePreprocessed(List<ImageTensor> images) {
    List<VitFeatures> out = new ArrayList<>(images.size());
    for (int start = 0; start < images.size(); start += batchSize) {
      out.addAll(run(images.subList(start, Math.min(images.size(), start + batchSize))));
    }
    return out;
  }

  private List<VitFeatures> run(List<ImageTensor> batch) {
    int b = batch.size();
    int s = sidecar.inputSize();
    int k = sidecar.selectedBlocks().length;
    int t = 1 + sidecar.patchTokens();
    int c = sidecar.hiddenWidth();
    boolean clip = model.spec().role() == ModelRole.CLIP_IMAGE;
    int d = clip ? sidecar.outputWidth() : 0;
    ByteBuffer input;
    if (b == 1) {
      input = batch.get(0).data(); // one image: libtorch reads the preprocessed buffer as is
    } else {
      input = ByteBuffer.allocateDirect(b * 3 * s * s * Float.BYTES).order(ByteOrder.nativeOrder());
      for (ImageTensor image : batch) {
        input.put(image.data().duplicate());
      }
      input.flip();
    }
    try (NDManager manager = model.model().getNDManager().newSubManager()) {
      NDArray x =
          manager.create(
              input.duplicate().order(ByteOrder.nativeOrder()),
              new Shape(b, 3, s, s),
              DataType.FLOAT32);
      NDList outputs = Predictions.run(predictor, new NDList(x), model);
      float[] hidden = checked(outputs, 0, new Shape(k, b, t, c), "hidden states [K,B,1+N,C]");
      float[] dense =
          clip ? checked(outputs, 1, new Shape(b, t, d), "dense tokens [B,1+N,D]") : null;
      List<VitFeatures> out = new ArrayList<>(b);
      for (int i = 0; i < b; i++) {
        float[] h = new float[k * t * c];
        for (int kk = 0; kk < k; kk++) {
          System.arraycopy(hidden, (kk * b + i) * t * c, h, kk * t * c, t * c);
        }
        float[] dd = clip ? Arrays.copyOfRange(dense, i * t * d, (i + 1) * t * d) : new float[0];
        out.add(new VitFeatures(k, t, c, h, d, dd, sidecar.grid(), batch.get(i).geometry()));
      }
      return out;
    }
  }

  private float[] checked(NDList outputs, int index, Shape expected, String what) {
    return Predictions.requireShape(model, outputs, index, expected, what).toFloatArray();
  }

  @Override
  public void close() {
    predictor.close();
  }
}
