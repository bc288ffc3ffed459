package ai.use.model.spec;

import com.google.common.base.Preconditions;
import java.io.Serializable;

/**
 * A model to load: its role and the URI of its TorchScript file (plain path, {@code file://},
 * {@code s3a://}). The JSON sidecar lies beside it ({@code x.pt} → {@code x.json}). This is the
 * only thing about a model that crosses the wire to executors.
 *
 * @param role what the model does
 * @param uri where its TorchScript file is
 */
public record ModelSpec(ModelRole role, String uri) implements Serializable {
  public ModelSpec {
    Preconditions.checkNotNull(role, "role");
    Preconditions.checkArgument(
        uri != null && !uri.isBlank(), "the %s model needs a file URI", role);
  }

  /** URI of the sidecar: the model URI with {@code .pt} replaced by {@code .json}. */
  public String sidecarUri() {
    String base = uri.endsWith(".pt") ? uri.substring(0, uri.length() - 3) : uri;
    return base + ".json";
  }

  /** URI of a file in the model's folder. */
  public String fileBeside(String fileName) {
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? fileName : uri.substring(0, slash + 1) + fileName;
  }
}
