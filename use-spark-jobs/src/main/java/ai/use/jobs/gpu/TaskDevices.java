package ai.use.jobs.gpu;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The DJL device a Spark task runs its models on: the GPU Spark assigned to the task (with {@code
 * spark.task.resource.gpu.amount} set, {@link TaskContext#resources()} holds its address), else the
 * CPU. Each task must use only the GPU it was given, so concurrent tasks on one executor never
 * share a device by accident.
 */
public final class TaskDevices {
  /** Spark's resource name for GPUs. */
  public static final String GPU = "gpu";

  private TaskDevices() {}

  /** The device of the running task ({@link Device#cpu()} outside a task or without GPUs). */
  public static Device current() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return Device.cpu();
    }
    return fromResources(scala.jdk.javaapi.CollectionConverters.asJava(task.resources()));
  }

  /**
   * The device for a task's resource map: the first address of its {@code gpu} resource, else the
   * CPU. Fails clearly on an address that is not a non-negative integer (a discovery script that
   * reports UUIDs instead of CUDA ordinals).
   */
  public static Device fromResources(Map<String, ResourceInformation> resources) {
    ResourceInformation gpu = resources.get(GPU);
    if (gpu == null || gpu.addresses().length == 0) {
      return Device.cpu();
    }
    String address = gpu.addresses()[0].trim();
    int ordinal;
    try {
      ordinal = Integer.parseInt(address);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "GPU address '"
              + address
              + "' assigned by Spark is not a CUDA device ordinal; make the discovery script"
              + " (spark.executor.resource.gpu.discoveryScript) report indices like \"0\", \"1\"");
    }
    if (ordinal < 0) {
      throw new IllegalArgumentException("GPU address '" + address + "' is negative");
    }
    return Device.gpu(ordinal);
  }
}
