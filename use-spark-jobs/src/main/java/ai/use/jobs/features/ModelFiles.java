package ai.use.jobs.features;

import ai.use.model.runtime.ModelFetcher;
import ai.use.model.spec.ModelSpec;
import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Content hashes of model files: the version ids the features and texts tables record. */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * 16 hex digits of SHA-256 over the TorchScript file and the sidecar of every model, in order:
   * changes whenever any of their bytes do.
   */
  @SuppressWarnings("UnstableApiUsage")
  public static String contentHash(ModelFetcher fetcher, ModelSpec... specs) {
    Hasher hasher = Hashing.sha256().newHasher();
    for (ModelSpec spec : specs) {
      for (String uri : new String[] {spec.uri(), spec.sidecarUri()}) {
        Path local = fetcher.localCopy(uri);
        try {
          byte[] bytes = Files.readAllBytes(local);
          hasher.putLong(bytes.length).putBytes(bytes);
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read the " + spec.role() + " model file " + uri + " (" + local + ")", e);
        }
      }
    }
    return hasher.hash().toString().substring(0, 16);
  }
}
