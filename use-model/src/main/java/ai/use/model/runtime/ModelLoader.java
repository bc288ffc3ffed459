package ai.use.model.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import ai.use.model.spec.ModelLoadException;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.spec.Sidecar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads one model file for its role and checks it fits: the file exists and is TorchScript, the
 * sidecar names the same role and is complete, the TorchScript {@code forward} takes the role's
 * number of inputs, and — for cheap roles only — a probe input gives outputs of the shapes the
 * sidecar promises. Every failure is a {@link ModelLoadException} naming role, file, expected and
 * found.
 */
public final class ModelLoader {
  private ModelLoader() {}

  /** Loads {@code spec} on {@code device}, fetching files through {@code fetcher}. */
  public static LoadedModel load(ModelSpec spec, Device device, ModelFetcher fetcher) {
    ModelRole role = spec.role();
    Path file = fetcher.localCopy(spec.uri());
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException(
          role,
          spec.uri(),
          "file does not exist; check spark.use.model." + camel(role) + " (or export the model)");
    }
    Path sidecarFile = fetcher.localCopy(spec.sidecarUri());
    if (!Files.isRegularFile(sidecarFile)) {
      throw new ModelLoadException(
          role,
          spec.uri(),
          "sidecar "
              + spec.sidecarUri()
              + " does not exist; every model file needs its JSON sidecar");
    }
    Sidecar sidecar;
    try (InputStream in = Files.newInputStream(sidecarFile)) {
      sidecar = Sidecar.read(in, role, spec.uri());
    } catch (IOException e) {
      throw new ModelLoadException(role, spec.uri(), "cannot read sidecar: " + e.getMessage(), e);
    }
    if (sidecar.tokenizer() != null) {
      Path tokenizer = fetcher.localCopy(spec.fileBeside(sidecar.tokenizer()));
      if (!Files.isRegularFile(tokenizer)) {
        throw new ModelLoadException(
            role,
            spec.uri(),
            "tokenizer "
                + spec.fileBeside(sidecar.tokenizer())
                + " named by the sidecar does not exist");
      }
    }
    ZooModel<NDList, NDList> model = open(role, spec.uri(), file, device);
    try {
      checkInputs(role, spec.uri(), file);
      if (role.probed()) {
        Probes.probe(role, spec.uri(), sidecar, model);
      }
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new LoadedModel(spec, sidecar, file, device, model);
  }

  private static ZooModel<NDList, NDList> open(
      ModelRole role, String uri, Path file, Device device) {
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(file)
            .optEngine(TorchEngine.NAME)
            .optDevice(device)
            .optTranslator(new NoopTranslator())
            .optOptions(Map.of("mapLocation", "true"))
            .build();
    TorchEngine.get();
    try {
      return criteria.loadModel();
    } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
      throw new ModelLoadException(
          role,
          uri,
          "is not a loadable TorchScript file ("
              + rootMessage(e)
              + "); re-export it with torch.jit.save",
          e);
    }
  }

  private static void checkInputs(ModelRole role, String uri, Path file) {
    java.util.Optional<java.util.List<TorchScriptSchema.Input>> inputs;
    try {
      inputs = TorchScriptSchema.forwardInputs(file);
    } catch (IOException e) {
      return; // not a zip we can read: DJL loaded it, so the probe (if any) decides
    }
    if (inputs.isPresent() && inputs.get().size() != role.inputCount()) {
      throw ModelLoadException.mismatch(
          role,
          uri,
          "TorchScript forward inputs",
          role.inputCount(),
          inputs.get().size()
              + " "
              + inputs.get().stream().map(i -> i.name() + ": " + i.type()).toList());
    }
  }

  static String camel(ModelRole role) {
    String[] parts = role.id().split("-");
    StringBuilder s = new StringBuilder(parts[0]);
    for (int i = 1; i < parts.length; i++) {
      s.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
    }
    return s.toString();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int newline = m.indexOf('\n');
    return newline > 0 ? m.substring(0, newline) : m;
  }

  /** Probe inputs for the cheap roles. */
  static final class Probes {
    private Probes() {}

    static void probe(ModelRole role, String uri, Sidecar sidecar, ZooModel<NDList, NDList> model) {
      try (NDManager manager = model.getNDManager().newSubManager();
          Predictor<NDList, NDList> predictor = model.newPredictor()) {
        NDList out;
        switch (role) {
          case CLIP_TEXT -> {
            NDArray ids = manager.zeros(new Shape(2, sidecar.contextLength()), DataType.INT64);
            out = predictor.predict(new NDList(ids));
            expectShape(
                role,
                uri,
                out,
                0,
                new Shape(2, sidecar.outputWidth()),
                "text embedding [B, output_width]");
          }
          case SAM_DECODER -> {
            NDArray embedding = manager.zeros(new Shape(1, 256, 64, 64));
            NDArray coords = manager.create(new float[] {100, 100, 0, 0}, new Shape(1, 2, 2));
            NDArray labels = manager.create(new float[] {1, -1}, new Shape(1, 2));
            out = predictor.predict(new NDList(embedding, coords, labels));
            int m = sidecar.maskSize();
            expectShape(
                role,
                uri,
                out,
                0,
                new Shape(1, sidecar.numMasks(), m, m),
                "mask logits [P, num_masks, mask_size, mask_size]");
            expectShape(
                role,
                uri,
                out,
                1,
                new Shape(1, sidecar.numMasks()),
                "predicted IoU [P, num_masks]");
          }
          default -> throw new IllegalStateException("no probe for " + role);
        }
      } catch (TranslateException | RuntimeException e) {
        if (e instanceof ModelLoadException m) {
          throw m;
        }
        throw new ModelLoadException(
            role,
            uri,
            "probe input failed ("
                + rootMessage(e)
                + "); the file does not honour the "
                + role
                + " contract",
            e);
      }
    }

    private static void expectShape(
        ModelRole role, String uri, NDList out, int index, Shape expected, String what) {
      if (out.size() <= index) {
        throw ModelLoadException.mismatch(
            role, uri, "outputs", "at least " + (index + 1), out.size());
      }
      Shape found = out.get(index).getShape();
      if (!found.equals(expected)) {
        throw ModelLoadException.mismatch(
            role, uri, "output " + index + " " + what + " (sidecar)", expected, found);
      }
    }
  }
}
