package ai.use.model.sam;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.use.model.image.Geometry;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.Predictions;
import ai.use.model.spec.ModelRole;
import com.google.common.base.Preconditions;
import java.util.List;

/**
 * The {@code sam-decoder} role: an embedding and P prompts → low-res logits {@code [P,4,256,256]}
 * and predicted IoU {@code [P,4]}. Prompts are mapped from original coordinates into the 1024 frame
 * exactly as SAM's {@code apply_coords} does (× new/old size per axis); boxes become corner points
 * labelled 2 and 3; points-only prompts get SAM's padding point (0, 0, −1); prompts of different
 * lengths in one batch are padded with more −1 points.
 */
public final class SamDecoder implements AutoCloseable {
  private final LoadedModel model;
  private final Predictor<NDList, NDList> predictor;

  public SamDecoder(LoadedModel model) {
    Preconditions.checkArgument(
        model.spec().role() == ModelRole.SAM_DECODER, "not a sam-decoder: %s", model.spec());
    this.model = model;
    this.predictor = model.newPredictor();
  }

  /** Decodes {@code prompts} on {@code image}; outputs copied to Java. */
  public SamOutput decode(SamEmbedding image, List<SamPrompt> prompts) {
    try (NDManager manager = model.model().getNDManager().newSubManager()) {
      SamDecoding out = decode(image, prompts, manager);
      return new SamOutput(
          out.prompts(),
          out.masks(),
          out.size(),
          out.logits().toFloatArray(),
          out.iou(),
          out.geometry());
    }
  }

  /**
   * Decodes {@code prompts} on {@code image}, leaving the logits {@code [P, 4, 256, 256]} in
   * libtorch, attached to {@code manager} (close it, or a sub-manager around this call, when the
   * batch is done); the predicted IoU {@code [P, 4]} is copied to Java.
   */
  public SamDecoding decode(SamEmbedding image, List<SamPrompt> prompts, NDManager manager) {
    Preconditions.checkArgument(!prompts.isEmpty(), "no prompts");
    Geometry g = image.geometry();
    int p = prompts.size();
    int n = prompts.stream().mapToInt(SamPrompt::decoderPoints).max().orElseThrow();
    float[] coords = new float[p * n * 2];
    float[] labels = new float[p * n];
    java.util.Arrays.fill(labels, -1f);
    for (int i = 0; i < p; i++) {
      SamPrompt prompt = prompts.get(i);
      int k = 0;
      for (int j = 0; j < prompt.labels().length; j++, k++) {
        coords[(i * n + k) * 2] = (float) g.toInputX(prompt.pointsXy()[2 * j]);
        coords[(i * n + k) * 2 + 1] = (float) g.toInputY(prompt.pointsXy()[2 * j + 1]);
        labels[i * n + k] = prompt.labels()[j];
      }
      if (prompt.boxXyxy() != null) {
        double[] b = prompt.boxXyxy();
        coords[(i * n + k) * 2] = (float) g.toInputX(b[0]);
        coords[(i * n + k) * 2 + 1] = (float) g.toInputY(b[1]);
        labels[i * n + k++] = 2;
        coords[(i * n + k) * 2] = (float) g.toInputX(b[2]);
        coords[(i * n + k) * 2 + 1] = (float) g.toInputY(b[3]);
        labels[i * n + k] = 3;
      }
      // remaining slots stay (0, 0, -1): SAM's padding point
    }
    int masks = model.sidecar().numMasks();
    int size = model.sidecar().maskSize();
    NDArray c = manager.create(coords, new Shape(p, n, 2));
    NDArray l = manager.create(labels, new Shape(p, n));
    NDList out = Predictions.run(predictor, new NDList(image.embedding(), c, l), model);
    NDArray logits =
        Predictions.requireShape(
            model,
            out,
            0,
            new Shape(p, masks, size, size),
            "mask logits [P, num_masks, size, size]");
    NDArray iou =
        Predictions.requireShape(
            model, out, 1, new Shape(p, masks), "predicted IoU [P, num_masks]");
    out.attach(manager);
    return new SamDecoding(logits, iou.toFloatArray(), masks, g);
  }

  @Override
  public void close() {
    predictor.close();
  }
}
