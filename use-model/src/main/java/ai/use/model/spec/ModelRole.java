package ai.use.model.spec;

import java.util.Arrays;
import java.util.Locale;

/**
 * The model roles of DESIGN.md §4, each with its TorchScript input count and whether loading may
 * run a probe input (only cheap roles: probing a ViT-H encoder on a CPU executor costs minutes).
 */
public enum ModelRole {
  /**
   * float {@code [B,3,S,S]} → (hidden {@code [K,B,1+N,C]}, dense text-space tokens {@code
   * [B,1+N,D]}).
   */
  CLIP_IMAGE("clip-image", 1, false),
  /** float {@code [B,3,S',S']} → hidden {@code [K',B,1+N',C']}. */
  DINOV2("dinov2", 1, false),
  /** int64 {@code [B,L]} → {@code [B,D]} (projected, not normalized). */
  CLIP_TEXT("clip-text", 1, true),
  /** float {@code [1,3,1024,1024]} → {@code [1,256,64,64]}. */
  SAM_ENCODER("sam-encoder", 1, false),
  /**
   * (embedding {@code [1,256,64,64]}, coords {@code [P,n,2]}, labels {@code [P,n]}) → (logits
   * {@code [P,4,256,256]}, IoU {@code [P,4]}).
   */
  SAM_DECODER("sam-decoder", 3, true),
  /**
   * (image {@code [1,3,S,S]}, ids {@code [Q,L]}) → (boxes {@code [Q,T,4]}, scores {@code [Q,T]}).
   */
  GROUNDER("grounder", 2, false);

  private final String id;
  private final int inputs;
  private final boolean probed;

  ModelRole(String id, int inputs, boolean probed) {
    this.id = id;
    this.inputs = inputs;
    this.probed = probed;
  }

  /** The role's name in sidecars, config and messages, e.g. {@code clip-text}. */
  public String id() {
    return id;
  }

  /** Number of inputs of the TorchScript {@code forward}. */
  public int inputCount() {
    return inputs;
  }

  /** Whether loading runs a probe input through the model. */
  public boolean probed() {
    return probed;
  }

  /** The role named {@code id}; fails listing the roles. */
  public static ModelRole of(String id) {
    String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
    for (ModelRole role : values()) {
      if (role.id.equals(wanted)) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown model role '"
            + id
            + "'; roles: "
            + String.join(", ", Arrays.stream(values()).map(ModelRole::id).toList()));
  }

  @Override
  public String toString() {
    return id;
  }
}
