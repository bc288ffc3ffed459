package ai.use.model.runtime;

import ai.djl.Device;
import ai.use.model.spec.ModelSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded copy of each model per JVM, keyed by (URI, device): the first task that needs a model
 * fetches and loads it (thread-safe, lazily), later tasks reuse it; everything is closed at JVM
 * shutdown. Predictors are not cached: tasks open and close their own.
 */
public final class ModelCache {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);
  private static final Map<Key, LoadedModel> MODELS = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ModelCache::closeAll, "close-use-models"));
  }

  private ModelCache() {}

  private record Key(String uri, String device) {}

  /** The loaded model for {@code spec} on {@code device}, loading it on first use. */
  public static LoadedModel get(ModelSpec spec, Device device, ModelFetcher fetcher) {
    return MODELS.computeIfAbsent(
        new Key(spec.uri(), device.toString()),
        k -> {
          long t0 = System.nanoTime();
          LoadedModel model = ModelLoader.load(spec, device, fetcher);
          LOG.info(
              "loaded {} model {} on {} in {} ms",
              spec.role(),
              spec.uri(),
              device,
              (System.nanoTime() - t0) / 1_000_000);
          return model;
        });
  }

  /** Number of models loaded in this JVM. */
  public static int size() {
    return MODELS.size();
  }

  /** Closes and forgets every model (tests; the shutdown hook). */
  public static synchronized void closeAll() {
    for (LoadedModel model : MODELS.values()) {
      try {
        model.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", model.spec().uri(), e.toString());
      }
    }
    MODELS.clear();
  }
}
