package ai.use.model.runtime;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.use.model.spec.ModelSpec;
import ai.use.model.spec.Sidecar;
import java.nio.file.Path;

/**
 * A validated, loaded TorchScript model with its sidecar. Shared by the tasks of one JVM (through
 * {@link ModelCache}); each task opens its own {@link #newPredictor() predictor} and closes it.
 */
public final class LoadedModel implements AutoCloseable {
  private final ModelSpec spec;
  private final Sidecar sidecar;
  private final Path localFile;
  private final Device device;
  private final ZooModel<NDList, NDList> model;

  LoadedModel(
      ModelSpec spec,
      Sidecar sidecar,
      Path localFile,
      Device device,
      ZooModel<NDList, NDList> model) {
    this.spec = spec;
    this.sidecar = sidecar;
    this.localFile = localFile;
    this.device = device;
    this.model = model;
  }

  /** A new predictor (NDList in, NDList out); close it when the task ends. */
  public Predictor<NDList, NDList> newPredictor() {
    return model.newPredictor();
  }

  public ModelSpec spec() {
    return spec;
  }

  public Sidecar sidecar() {
    return sidecar;
  }

  /** Local copy of the model file; sibling files (tokenizer) lie beside it. */
  public Path localFile() {
    return localFile;
  }

  public Device device() {
    return device;
  }

  /** The DJL model, for its NDManager. */
  public ZooModel<NDList, NDList> model() {
    return model;
  }

  @Override
  public void close() {
    model.close();
  }
}
