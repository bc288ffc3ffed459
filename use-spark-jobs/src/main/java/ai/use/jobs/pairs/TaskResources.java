package ai.use.jobs.pairs;

import ai.djl.Device;
import ai.use.jobs.gpu.TaskDevices;
import ai.use.jobs.models.HadoopModelFetcher;
import ai.use.jobs.runtime.TaskThreads;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.spec.ModelSpec;
import org.apache.spark.TaskContext;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Models for a stage of a running task: loaded once per executor JVM through the {@link ModelCache}
 * (keyed by URI and device, fetched by the {@link HadoopModelFetcher}), on the device Spark gave
 * the task; per-task objects (predictors) are closed when the task ends, also when it fails.
 */
final class TaskResources {
  private TaskResources() {}

  static LoadedModel model(ModelRole role, String uri, HadoopModelFetcher fetcher) {
    TaskThreads.matchTaskCpus();
    Device device = TaskDevices.current();
    return ModelCache.get(new ModelSpec(role, uri), device, fetcher);
  }

  /** Closes {@code resource} when the current task completes (now, outside a task: never). */
  static <T extends AutoCloseable> T closeAtTaskEnd(T resource) {
    TaskContext task = TaskContext.get();
    if (task != null) {
      task.addTaskCompletionListener(
          (TaskCompletionListener)
              ctx -> {
                try {
                  resource.close();
                } catch (Exception e) {
                  throw new IllegalStateException("closing " + resource + " failed", e);
                }
              });
    }
    return resource;
  }
}
