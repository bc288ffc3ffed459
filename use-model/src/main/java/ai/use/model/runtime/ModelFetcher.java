package ai.use.model.runtime;

import java.nio.file.Path;

/**
 * Brings a model file (or its sidecar, tokenizer) to local disk. The jobs module supplies one that
 * copies {@code s3a://} and other Hadoop URIs once per JVM; {@link LocalModelFetcher} handles plain
 * paths and {@code file://}.
 */
@FunctionalInterface
public interface ModelFetcher {
  /**
   * A local path holding the file at {@code uri}; need not exist (the loader reports a missing
   * file).
   */
  Path localCopy(String uri);
}
