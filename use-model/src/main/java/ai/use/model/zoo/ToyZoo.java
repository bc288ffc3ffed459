package ai.use.model.zoo;

import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import ai.use.model.spec.Sidecar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The toy model zoo shipped inside the use-model jar (built by {@code tools/toy-zoo/make_zoo.py}
 * from {@code models/toy}): tiny TorchScript files with the real models' contracts, trained or
 * constructed on the toy world, so the demo and the tests run every code path offline. Addressed as
 * {@code toy://zoo/<file>}; extracted once per JVM to a local folder.
 */
public final class ToyZoo {
  /** URI prefix of the built-in toy models. */
  public static final String PREFIX = "toy://zoo/";

  /** Classpath folder holding the zoo files. */
  static final String RESOURCES = "/ai/use/model/toy-zoo/";

  private static final ConcurrentHashMap<String, Path> EXTRACTED = new ConcurrentHashMap<>();
  private static volatile Path folder;

  private ToyZoo() {}

  /** The toy model of {@code role}: {@code toy://zoo/<role>.pt}. */
  public static ModelSpec spec(ModelRole role) {
    return new ModelSpec(role, PREFIX + role.id() + ".pt");
  }

  /** Whether a URI names a toy-zoo file. */
  public static boolean isToy(String uri) {
    return uri.startsWith(PREFIX);
  }

  /** The sidecar of the toy model of {@code role}, read from the jar ({@code <role>.json}). */
  public static Sidecar sidecar(ModelRole role) {
    String file = role.id() + ".json";
    try (InputStream in = ToyZoo.class.getResourceAsStream(RESOURCES + file)) {
      if (in == null) {
        throw new IllegalStateException(
            "toy-zoo sidecar not on the classpath: " + RESOURCES + file);
      }
      return Sidecar.read(in, role, PREFIX + file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Local path of a toy-zoo file, extracting it on first use (missing files map to a missing path).
   */
  public static Path localCopy(String uri) {
    String name = uri.substring(PREFIX.length());
    return EXTRACTED.computeIfAbsent(name, ToyZoo::extract);
  }

  private static Path extract(String name) {
    Path dir = folder();
    Path target = dir.resolve(name);
    try (InputStream in = ToyZoo.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        return target; // not shipped: the loader reports it as a missing file
      }
      Path tmp = Files.createTempFile(dir, name, ".part");
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract toy model " + name + " to " + dir, e);
    }
  }

  private static Path folder() {
    Path f = folder;
    if (f == null) {
      synchronized (ToyZoo.class) {
        if (folder == null) {
          try {
            folder = Files.createTempDirectory("use-toy-zoo");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        f = folder;
      }
    }
    return f;
  }
}
