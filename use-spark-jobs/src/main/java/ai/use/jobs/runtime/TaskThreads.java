package ai.use.jobs.runtime;

import ai.djl.pytorch.jni.JniUtils;
import ai.use.model.runtime.TorchEngine;
import org.apache.spark.TaskContext;

/**
 * libtorch's intra-op thread count matched to the running task's {@code spark.task.cpus}, so that
 * an executor with {@code spark.executor.cores = C} and {@code spark.task.cpus = T} runs C / T
 * tasks of T threads each and never oversubscribes its cores. libtorch keeps the count per calling
 * thread (OpenMP), so each task sets it on its own thread before it runs a model. Outside a task
 * (the driver) the JVM's {@code -Dai.djl.pytorch.num_threads} stays as it is.
 */
public final class TaskThreads {
  private TaskThreads() {}

  /** Sets the intra-op threads to the task's CPUs (if they differ) and returns the count in use. */
  public static int matchTaskCpus() {
    TaskContext task = TaskContext.get();
    TorchEngine.get();
    if (task != null && JniUtils.getNumThreads() != task.cpus()) {
      JniUtils.setNumThreads(task.cpus());
    }
    return JniUtils.getNumThreads();
  }
}
