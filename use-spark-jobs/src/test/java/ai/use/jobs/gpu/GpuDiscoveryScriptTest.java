package ai.use.jobs.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** conf/getGpusResources.sh prints the JSON Spark expects, with CUDA ordinals as addresses. */
class GpuDiscoveryScriptTest {
  private static final Path SCRIPT =
      Path.of(System.getProperty("use.repo.root", "..")).resolve("conf/getGpusResources.sh");

  private static JsonNode run(String cudaVisibleDevices) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString());
    pb.environment().remove("CUDA_VISIBLE_DEVICES");
    if (cudaVisibleDevices != null) {
      pb.environment().put("CUDA_VISIBLE_DEVICES", cudaVisibleDevices);
    }
    pb.environment().put("PATH", "/usr/bin:/bin"); // no nvidia-smi here, as on CI
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return new ObjectMapper().readTree(out);
  }

  @Test
  void visibleDevicesBecomeOrdinalsWithinTheVisibleSet() throws Exception {
    JsonNode json = run("4,6");
    assertThat(json.get("name").asText()).isEqualTo("gpu");
    assertThat(json.get("addresses")).hasSize(2);
    assertThat(json.get("addresses").get(0).asText()).isEqualTo("0");
    assertThat(json.get("addresses").get(1).asText()).isEqualTo("1");
  }

  @Test
  void noGpuGivesAnEmptyList() throws Exception {
    JsonNode json = run(null);
    assertThat(json.get("name").asText()).isEqualTo("gpu");
    assertThat(json.get("addresses")).isEmpty();
  }
}
