package ai.use.jobs.runtime;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * A job's run summary: status, counts, errors by stage, wall time, throughput, per-stage timings
 * and the effective configuration, written as JSON beside the job's output. Only {@code
 * spark.use.*} keys and the job's own options are recorded — never credentials.
 */
public final class RunSummary {
  private static final JsonMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final ObjectNode root = MAPPER.createObjectNode();
  private final ObjectNode counts;
  private final ObjectNode errorsByStage;

  public RunSummary(String job, String runId) {
    root.put("job", job);
    root.put("run_id", runId);
    root.put("status", RunStatus.SUCCEEDED.label());
    counts = root.putObject("counts");
    errorsByStage = root.putObject("errors_by_stage");
  }

  public RunSummary count(String name, long value) {
    counts.put(name, value);
    return this;
  }

  public RunSummary errorsByStage(Map<String, Long> byStage) {
    new TreeMap<>(byStage).forEach(errorsByStage::put);
    return this;
  }

  public RunSummary status(RunStatus status, double errorRate, double maxErrorRate) {
    root.put("status", status.label());
    root.put("error_rate", errorRate);
    root.put("max_error_rate", maxErrorRate);
    return this;
  }

  public RunSummary timing(double wallSeconds, long images) {
    root.put("wall_seconds", wallSeconds);
    root.put("images_per_second", wallSeconds > 0 ? images / wallSeconds : 0);
    return this;
  }

  public RunSummary stages(Iterable<StageTiming> stages) {
    var array = root.putArray("stages");
    for (StageTiming s : stages) {
      ObjectNode node = array.addObject();
      node.put("stage_id", s.stageId());
      node.put("name", s.name());
      node.put("tasks", s.tasks());
      node.put("seconds", s.seconds());
      node.put("records_read", s.recordsRead());
    }
    return this;
  }

  /** Records the effective config: only keys under {@code spark.use.}. */
  public RunSummary config(Map<String, String> effectiveUseConfig) {
    ObjectNode config = root.putObject("config");
    new TreeMap<>(effectiveUseConfig)
        .forEach(
            (k, v) -> {
              if (k.startsWith("spark.use.")) {
                config.put(k, v);
              }
            });
    return this;
  }

  public RunSummary options(Map<String, String> options) {
    ObjectNode node = root.putObject("options");
    new TreeMap<>(options).forEach(node::put);
    return this;
  }

  public String status() {
    return root.path("status").asText();
  }

  public ObjectNode json() {
    return root;
  }

  public String toJson() {
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
