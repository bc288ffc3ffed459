package ai.use.jobs.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/** Fabricated resource maps, as Spark hands them to tasks (no GPU runs here). */
class TaskDevicesTest {

  @Test
  void noGpuResourceMeansCpu() {
    assertThat(TaskDevices.fromResources(Map.of())).isEqualTo(Device.cpu());
    assertThat(
            TaskDevices.fromResources(
                Map.of("fpga", new ResourceInformation("fpga", new String[] {"0"}))))
        .isEqualTo(Device.cpu());
  }

  @Test
  void assignedGpuAddressBecomesTheCudaOrdinal() {
    Device device =
        TaskDevices.fromResources(
            Map.of("gpu", new ResourceInformation("gpu", new String[] {"3"})));
    assertThat(device).isEqualTo(Device.gpu(3));
    assertThat(device.getDeviceType()).isEqualTo(Device.Type.GPU);
    assertThat(device.getDeviceId()).isEqualTo(3);
  }

  @Test
  void firstOfSeveralAddressesIsUsed() {
    assertThat(
            TaskDevices.fromResources(
                Map.of("gpu", new ResourceInformation("gpu", new String[] {"1", "2"}))))
        .isEqualTo(Device.gpu(1));
  }

  @Test
  void emptyAddressListMeansCpu() {
    assertThat(
            TaskDevices.fromResources(Map.of("gpu", new ResourceInformation("gpu", new String[0]))))
        .isEqualTo(Device.cpu());
  }

  @Test
  void uuidAddressIsAClearError() {
    assertThatThrownBy(
            () ->
                TaskDevices.fromResources(
                    Map.of("gpu", new ResourceInformation("gpu", new String[] {"GPU-5f2a-uuid"}))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'GPU-5f2a-uuid'")
        .hasMessageContaining("spark.executor.resource.gpu.discoveryScript");
  }

  @Test
  void outsideATaskTheDeviceIsTheCpu() {
    assertThat(TaskDevices.current()).isEqualTo(Device.cpu());
  }
}
