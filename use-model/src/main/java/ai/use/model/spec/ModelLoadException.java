package ai.use.model.spec;

/**
 * A model file that cannot be used for its role: missing, corrupt, of another role, or with a
 * sidecar that contradicts it. The message names the role, the file, what was expected and what was
 * found.
 */
public final class ModelLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ModelRole role;
  private final String file;

  public ModelLoadException(ModelRole role, String file, String problem, Throwable cause) {
    super(role + " model " + file + ": " + problem, cause);
    this.role = role;
    this.file = file;
  }

  public ModelLoadException(ModelRole role, String file, String problem) {
    this(role, file, problem, null);
  }

  /** A mismatch between what the role needs and what the file or sidecar has. */
  public static ModelLoadException mismatch(
      ModelRole role, String file, String what, Object expected, Object found) {
    return new ModelLoadException(role, file, what + ": expected " + expected + ", found " + found);
  }

  public ModelRole role() {
    return role;
  }

  public String file() {
    return file;
  }
}
