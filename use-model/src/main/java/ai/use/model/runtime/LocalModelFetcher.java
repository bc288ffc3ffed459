package ai.use.model.runtime;

import java.net.URI;
import java.nio.file.Path;

/**
 * Plain paths, {@code file:} URIs and the built-in toy zoo ({@code toy://zoo/…}); any other scheme
 * fails naming it.
 */
public final class LocalModelFetcher implements ModelFetcher {
  /** The shared instance. */
  public static final LocalModelFetcher INSTANCE = new LocalModelFetcher();

  private LocalModelFetcher() {}

  @Override
  public Path localCopy(String uri) {
    if (ai.use.model.zoo.ToyZoo.isToy(uri)) {
      return ai.use.model.zoo.ToyZoo.localCopy(uri);
    }
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    if (uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      throw new IllegalArgumentException(
          "model URI "
              + uri
              + " needs a fetcher for its scheme; run through the Spark jobs (they copy s3a:// and"
              + " other Hadoop URIs) or pass a local path");
    }
    return Path.of(uri);
  }
}
