package ai.use.common.config;

import java.util.List;

/**
 * Where each model role's TorchScript file is (its JSON sidecar lies beside it). Defaults are the
 * toy zoo shipped in the jar ({@code toy://zoo/…}); real deployments point these at exported real
 * models on {@code s3a://} or a shared path.
 */
public final class ModelKeys {
  private ModelKeys() {}

  private static ConfigKey<String> model(String name, String role, String what) {
    return ConfigKey.stringKey(
        "spark.use.model." + name,
        "toy://zoo/" + role + ".pt",
        "TorchScript file of the "
            + role
            + " role ("
            + what
            + "); plain path, file://, s3a:// or"
            + " toy://zoo/ for the built-in toy model.");
  }

  public static final ConfigKey<String> CLIP_IMAGE =
      model("clipImage", "clip-image", "CLIP image tower: block hidden states + dense tokens");
  public static final ConfigKey<String> DINOV2 =
      model("dinov2", "dinov2", "DINOv2: block hidden states");
  public static final ConfigKey<String> CLIP_TEXT =
      model("clipText", "clip-text", "CLIP text tower, tokenizer.json beside it");
  public static final ConfigKey<String> SAM_ENCODER =
      model("samEncoder", "sam-encoder", "SAM image encoder");
  public static final ConfigKey<String> SAM_DECODER =
      model("samDecoder", "sam-decoder", "SAM prompt decoder");
  public static final ConfigKey<String> GROUNDER =
      model("grounder", "grounder", "phrase grounder, OWLv2-style, its tokenizer beside it");

  public static final ConfigKey<Integer> BATCH_SIZE =
      ConfigKey.intKey(
          "spark.use.model.batchSize",
          8,
          1,
          4096,
          "Items per forward pass of a model (images for the backbones, texts for the text tower);"
              + " lower it when executors run out of memory.");

  /** Every key of this area, in documentation order. */
  public static List<ConfigKey<?>> all() {
    return List.of(CLIP_IMAGE, DINOV2, CLIP_TEXT, SAM_ENCODER, SAM_DECODER, GROUNDER, BATCH_SIZE);
  }
}
