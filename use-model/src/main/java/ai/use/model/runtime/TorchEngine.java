package ai.use.model.runtime;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;

/**
 * The PyTorch engine, loaded offline. The CPU natives come from the {@code pytorch-native-cpu} jar
 * (extracted once into {@code $DJL_CACHE_DIR}, default {@code ~/.djl.ai}, and reused by every JVM);
 * GPU executors point {@code PYTORCH_LIBRARY_PATH} at their image's libtorch.
 */
public final class TorchEngine {
  /** DJL's engine name for PyTorch. */
  public static final String NAME = "PyTorch";

  private TorchEngine() {}

  /** The engine; fails with what to check when libtorch cannot be loaded. */
  public static Engine get() {
    if (System.getProperty("ai.djl.offline") == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty("ai.djl.offline", "true");
    }
    MklAmdPreload.warnIfSlowPath();
    try {
      return Engine.getEngine(NAME);
    } catch (EngineException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot load libtorch for DJL's PyTorch engine: "
              + e.getMessage()
              + ". Put ai.djl.pytorch:pytorch-native-cpu (linux-x86_64) on the classpath (bin/use"
              + " passes it with --jars), or set PYTORCH_LIBRARY_PATH to a libtorch 2.7.1 folder.",
          e);
    }
  }
}
