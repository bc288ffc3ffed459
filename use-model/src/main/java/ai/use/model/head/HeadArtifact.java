package ai.use.model.head;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Preconditions;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained head as a directory the label job loads by URI: {@value #PARAMS} (DJL's {@code
 * saveParameters} of the {@link UseHead} block) and {@value #JSON} (dims, options, LayerNorm
 * epsilons, parameter names and shapes, temperature, free-form provenance, and the version id).
 *
 * <p>{@link #version()} is {@code head-} + the first 16 hex digits of SHA-256 over {@value
 * #PARAMS}'s bytes and the canonical {@value #JSON} without its version field: the same weights and
 * config always give the same id, any change gives another. Loading recomputes it and fails when
 * the files disagree with it.
 *
 * @param config the head's shape and ablation switches
 * @param weights flat weights ({@link UseHead#parameterNames} order)
 * @param clipEps the LayerNorm eps the CLIP features were normalized with
 * @param dinoEps the LayerNorm eps the DINOv2 features were normalized with
 * @param info provenance (model URIs, prompt template, run id, …), sorted by key; part of the hash
 */
public record HeadArtifact(
    HeadConfig config, float[] weights, float clipEps, float dinoEps, Map<String, String> info) {
  /** Parameter file name. */
  public static final String PARAMS = "head.params";

  /** Description file name. */
  public static final String JSON = "head.json";

  /** The {@value #JSON} format this code writes and reads. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public HeadArtifact {
    Preconditions.checkArgument(
        weights.length == UseHead.parameterCount(config),
        "head artifact: %s weights but the head has %s",
        weights.length,
        UseHead.parameterCount(config));
    info = Map.copyOf(new TreeMap<>(info));
  }

  /** The content-hash version id. */
  public String version() {
    return version(paramsBytes(), canonical());
  }

  /** Writes {@value #PARAMS} and {@value #JSON} into {@code dir} (created if missing). */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      byte[] params = paramsBytes();
      Files.write(dir.resolve(PARAMS), params);
      Files.write(dir.resolve(JSON), jsonBytes(params));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the head to " + dir, e);
    }
  }

  /** The bytes of {@value #PARAMS}. */
  public byte[] paramsBytes() {
    try (NDManager manager = NDManager.newBaseManager()) {
      UseHead head = UseHead.create(config, weights, manager);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DataOutputStream data = new DataOutputStream(out)) {
        head.saveParameters(data);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes of {@value #JSON} (with the version id). */
  public byte[] jsonBytes() {
    return jsonBytes(paramsBytes());
  }

  private byte[] jsonBytes(byte[] params) {
    ObjectNode json = canonical();
    json.put("version", version(params, json));
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a head directory written by {@link #write}. */
  public static HeadArtifact load(Path dir) {
    try {
      return read(Files.readAllBytes(dir.resolve(JSON)), Files.readAllBytes(dir.resolve(PARAMS)));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the head at "
              + dir
              + ": it needs "
              + JSON
              + " and "
              + PARAMS
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** Reads the two files' bytes; checks shapes, format and the version id. */
  public static HeadArtifact read(byte[] json, byte[] params) {
    JsonNode n;
    try {
      n = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(JSON + " is not valid JSON: " + e.getMessage(), e);
    }
    int format = n.path("format_version").asInt(-1);
    Preconditions.checkArgument(
        format == FORMAT_VERSION,
        "%s has format_version %s, this code reads %s",
        JSON,
        format,
        FORMAT_VERSION);
    JsonNode d = n.path("dims");
    HeadConfig config =
        new HeadConfig(
            new HeadDims(
                d.path("clip_blocks").asInt(),
                d.path("clip_width").asInt(),
                d.path("dino_blocks").asInt(),
                d.path("dino_width").asInt(),
                d.path("text_width").asInt()),
            n.path("hidden_width").asInt(),
            n.path("use_clip").asBoolean(),
            n.path("use_dino").asBoolean(),
            n.path("use_cls").asBoolean());
    Map<String, String> info = new TreeMap<>();
    n.path("info").fields().forEachRemaining(e -> info.put(e.getKey(), e.getValue().asText()));
    HeadArtifact artifact =
        new HeadArtifact(
            config,
            loadWeights(config, params),
            (float) n.path("layer_norm_eps").path("clip").asDouble(),
            (float) n.path("layer_norm_eps").path("dinov2").asDouble(),
            info);
    String expected = version(params, artifact.canonical());
    String recorded = n.path("version").asText("");
    Preconditions.checkArgument(
        expected.equals(recorded),
        "%s records version %s but its content hashes to %s: the head directory was modified or"
            + " mixes files of two heads",
        JSON,
        recorded,
        expected);
    return artifact;
  }

  private static float[] loadWeights(HeadConfig config, byte[] params) {
    try (NDManager manager = NDManager.newBaseManager()) {
      UseHead head = UseHead.structure(config);
      head.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
      for (UseHead.ParamSpec s : UseHead.specs(config)) {
        Parameter p = head.getDirectParameters().get(s.name());
        NDArray a = p.getArray();
        Preconditions.checkArgument(
            a.getShape().equals(s.shape()),
            "%s: parameter %s has shape %s, %s says %s",
            PARAMS,
            s.name(),
            a.getShape(),
            JSON,
            s.shape());
      }
      return head.weights();
    } catch (IOException | MalformedModelException e) {
      throw new IllegalArgumentException(
          PARAMS + " does not hold this head's parameters: " + e.getMessage(), e);
    }
  }

  private ObjectNode canonical() {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("format_version", FORMAT_VERSION);
    ObjectNode d = json.putObject("dims");
    HeadDims dims = config.dims();
    d.put("clip_blocks", dims.clipBlocks());
    d.put("clip_width", dims.clipWidth());
    d.put("dino_blocks", dims.dinoBlocks());
    d.put("dino_width", dims.dinoWidth());
    d.put("text_width", dims.textWidth());
    json.put("hidden_width", config.hiddenWidth());
    json.put("use_clip", config.useClip());
    json.put("use_dino", config.useDino());
    json.put("use_cls", config.useCls());
    json.put("combine", "sum");
    ObjectNode eps = json.putObject("layer_norm_eps");
    eps.put("clip", (double) clipEps);
    eps.put("dinov2", (double) dinoEps);
    double logitScale = weights[UseHead.logitScaleIndex(config)];
    json.put("temperature", Math.exp(-logitScale));
    json.put("parameter_count", weights.length);
    ArrayNode names = json.putArray("parameters");
    for (UseHead.ParamSpec s : UseHead.specs(config)) {
      ObjectNode p = names.addObject();
      p.put("name", s.name());
      ArrayNode shape = p.putArray("shape");
      for (long v : s.shape().getShape()) {
        shape.add(v);
      }
    }
    ObjectNode i = json.putObject("info");
    new TreeMap<>(info).forEach(i::put);
    return json;
  }

  private static String version(byte[] params, ObjectNode canonical) {
    try {
      Hasher h = Hashing.sha256().newHasher();
      h.putBytes(params);
      h.putBytes(MAPPER.writeValueAsBytes(canonical));
      return "head-" + h.hash().toString().substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
