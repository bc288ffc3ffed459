package ai.use.model.head;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import com.google.common.base.Preconditions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A head's parameter values for one training step: fresh leaf arrays made from a flat weight vector
 * on a (per-step) manager, gradients attached, served to {@link UseHead}'s forward pass in place of
 * the block's own arrays. Nothing is written into the block, no gradient accumulates across steps,
 * and closing the manager frees everything.
 */
public final class StepParameters extends ParameterStore {
  private final UseHead head;
  private final Map<String, NDArray> values = new LinkedHashMap<>();

  /** Values of {@code weights} ({@link UseHead#parameterNames} order) with gradients attached. */
  public StepParameters(UseHead head, float[] weights, NDManager manager) {
    super(manager, false);
    this.head = head;
    HeadConfig config = head.config();
    Preconditions.checkArgument(
        weights.length == UseHead.parameterCount(config),
        "head weights: %s values, expected %s",
        weights.length,
        UseHead.parameterCount(config));
    int offset = 0;
    for (UseHead.ParamSpec s : UseHead.specs(config)) {
      int n = (int) s.shape().size();
      float[] part = new float[n];
      System.arraycopy(weights, offset, part, 0, n);
      NDArray a = manager.create(part, s.shape());
      a.setRequiresGradient(true);
      values.put(s.name(), a);
      offset += n;
    }
  }

  @Override
  public NDArray getValue(Parameter parameter, Device device, boolean training) {
    NDArray a = values.get(parameter.getName());
    Preconditions.checkState(
        a != null && head.getDirectParameters().get(parameter.getName()) == parameter,
        "parameter %s is not one of this step's head parameters",
        parameter.getName());
    return a;
  }

  /** The value of one parameter by name ({@code [1]} for {@link UseHead#LOGIT_SCALE}). */
  public NDArray get(String name) {
    NDArray a = values.get(name);
    Preconditions.checkArgument(a != null, "no head parameter %s", name);
    return a;
  }

  /** The gradients after {@code backward}, flat in the weights' order (0 where none flowed). */
  public float[] gradients() {
    List<String> names = UseHead.parameterNames(head.config());
    float[] out = new float[UseHead.parameterCount(head.config())];
    int offset = 0;
    for (String name : names) {
      NDArray a = values.get(name);
      Shape shape = a.getShape();
      int n = (int) shape.size();
      NDArray g = a.getGradient();
      float[] v = g.toFloatArray();
      System.arraycopy(v, 0, out, offset, n);
      offset += n;
    }
    return out;
  }
}
