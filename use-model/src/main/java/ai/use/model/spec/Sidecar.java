package ai.use.model.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON sidecar beside every model file: what the file is and how to feed it.
 *
 * @param role the role the file was exported for
 * @param formatVersion sidecar format version ({@link #FORMAT_VERSION})
 * @param sourceCheckpoint what the weights came from (e.g. {@code openai/clip-vit-large-patch14} or
 *     {@code toy: trained on toy world spec v1 seed 7})
 * @param toyWorldSpecVersion for toy models: the toy-world spec version they were made from, else 0
 * @param toyWorldSeed for toy models: the toy-world seed, else 0
 * @param inputSize image side S the model takes ({@code [B,3,S,S]}); 0 for text roles
 * @param resizeMode {@code pad} (longest side to S, zero-pad bottom/right) or {@code resize}
 *     (stretch to S×S); never crop
 * @param normalization pixel normalization, or null for text roles
 * @param patchSize ViT patch size; 0 if not a ViT
 * @param grid patch grid side (N = grid²); 0 if not a ViT
 * @param selectedBlocks indices of the blocks whose hidden states are returned (K of them)
 * @param hiddenWidth C of the hidden states
 * @param outputWidth D: the text-space width (CLIP image dense tokens, CLIP text), or the embedding
 *     channels (SAM encoder)
 * @param contextLength L of the token ids (text roles)
 * @param tokenizer tokenizer file name beside the model (text roles), else null
 * @param padId id used for padding (text roles)
 * @param boxesPerQuery T of the grounder
 * @param numMasks mask outputs of the SAM decoder (4)
 * @param maskSize side of the SAM decoder's low-res logits (256)
 */
public record Sidecar(
    ModelRole role,
    int formatVersion,
    String sourceCheckpoint,
    int toyWorldSpecVersion,
    long toyWorldSeed,
    int inputSize,
    String resizeMode,
    Normalization normalization,
    int patchSize,
    int grid,
    int[] selectedBlocks,
    int hiddenWidth,
    int outputWidth,
    int contextLength,
    String tokenizer,
    int padId,
    int boxesPerQuery,
    int numMasks,
    int maskSize)
    implements Serializable {

  /** The sidecar format this code reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Parses and validates a sidecar for {@code expected}; every problem names the role and the file.
   */
  public static Sidecar read(InputStream in, ModelRole expected, String file) {
    JsonNode n;
    try {
      n = MAPPER.readTree(in);
    } catch (IOException e) {
      throw new ModelLoadException(
          expected, file, "sidecar is not valid JSON: " + e.getMessage(), e);
    }
    if (n == null || !n.isObject()) {
      throw new ModelLoadException(expected, file, "sidecar is not a JSON object");
    }
    String roleId = n.path("role").asText(null);
    if (roleId == null) {
      throw new ModelLoadException(expected, file, "sidecar has no 'role'");
    }
    ModelRole role;
    try {
      role = ModelRole.of(roleId);
    } catch (IllegalArgumentException e) {
      throw ModelLoadException.mismatch(
          expected, file, "sidecar role", expected, "'" + roleId + "'");
    }
    if (role != expected) {
      throw ModelLoadException.mismatch(expected, file, "sidecar role", expected, role);
    }
    int version = n.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      throw ModelLoadException.mismatch(
          expected, file, "sidecar format_version", FORMAT_VERSION, n.path("format_version"));
    }
    JsonNode norm = n.path("normalization");
    Sidecar s =
        new Sidecar(
            role,
            version,
            n.path("source_checkpoint").asText(""),
            n.path("toy_world").path("spec_version").asInt(0),
            n.path("toy_world").path("seed").asLong(0),
            n.path("input_size").asInt(0),
            n.path("resize_mode").asText(null),
            norm.isObject()
                ? new Normalization(
                    floats(norm.path("mean")),
                    floats(norm.path("std")),
                    (float) norm.path("scale").asDouble(1))
                : null,
            n.path("patch_size").asInt(0),
            gridSide(n.path("grid")),
            ints(n.path("selected_blocks")),
            n.path("hidden_width").asInt(0),
            n.path("output_width").asInt(0),
            n.path("context_length").asInt(0),
            n.path("tokenizer").asText(null),
            n.path("pad_id").asInt(0),
            n.path("boxes_per_query").asInt(0),
            n.path("num_masks").asInt(0),
            n.path("mask_size").asInt(0));
    s.validate(file);
    return s;
  }

  private void validate(String file) {
    List<String> missing = new ArrayList<>();
    switch (role) {
      case CLIP_IMAGE, DINOV2 -> {
        requireImage(missing);
        require(patchSize > 0, "patch_size", missing);
        require(grid > 0, "grid", missing);
        require(selectedBlocks.length > 0, "selected_blocks", missing);
        require(hiddenWidth > 0, "hidden_width", missing);
        if (role == ModelRole.CLIP_IMAGE) {
          require(outputWidth > 0, "output_width", missing);
        }
      }
      case CLIP_TEXT -> {
        require(contextLength > 0, "context_length", missing);
        require(tokenizer != null, "tokenizer", missing);
        require(outputWidth > 0, "output_width", missing);
      }
      case SAM_ENCODER -> requireImage(missing);
      case SAM_DECODER -> {
        require(numMasks > 0, "num_masks", missing);
        require(maskSize > 0, "mask_size", missing);
      }
      case GROUNDER -> {
        requireImage(missing);
        require(contextLength > 0, "context_length", missing);
        require(tokenizer != null, "tokenizer", missing);
        require(boxesPerQuery > 0, "boxes_per_query", missing);
      }
    }
    if (!missing.isEmpty()) {
      throw new ModelLoadException(
          role, file, "sidecar lacks or has invalid " + String.join(", ", missing));
    }
    if (patchSize > 0 && grid > 0 && inputSize > 0 && patchSize * grid != inputSize) {
      throw ModelLoadException.mismatch(
          role, file, "sidecar patch_size × grid", inputSize + " (input_size)", patchSize * grid);
    }
  }

  private void requireImage(List<String> missing) {
    require(inputSize > 0, "input_size", missing);
    require(
        "pad".equals(resizeMode) || "resize".equals(resizeMode),
        "resize_mode (pad|resize)",
        missing);
    require(
        normalization != null
            && normalization.mean().length == 3
            && normalization.std().length == 3
            && normalization.scale() > 0,
        "normalization {mean[3], std[3], scale}",
        missing);
  }

  private static void require(boolean ok, String field, List<String> missing) {
    if (!ok) {
      missing.add(field);
    }
  }

  /** Number of patch tokens N (grid²). */
  public int patchTokens() {
    return grid * grid;
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.isArray() ? array.size() : 0];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode array) {
    int[] out = new int[array.isArray() ? array.size() : 0];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  private static int gridSide(JsonNode grid) {
    if (grid.isArray() && grid.size() == 2 && grid.get(0).asInt() == grid.get(1).asInt()) {
      return grid.get(0).asInt();
    }
    return grid.asInt(0);
  }
}
