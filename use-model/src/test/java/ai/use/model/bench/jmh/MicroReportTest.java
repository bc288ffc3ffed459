package ai.use.model.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.model.bench.jmh.MicroBenchmarks.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class MicroReportTest {
  private final List<Row> rows =
      List.of(
          new Row("CocoRleBenchmark.area", 1.23456, 0.0456, "us/op"),
          new Row("PreprocessBenchmark.samEncoderInput", 23456.7, 812.3, "us/op"),
          new Row("PreprocessBenchmark.clipInput", 512.34, Double.NaN, "us/op"));

  @Test
  void tableHasOneRowPerBenchmarkWithScoreAndError() {
    String md = MicroReport.markdown(rows, MicroSettings.defaults());
    assertThat(md)
        .contains("| benchmark | score ± error | unit |")
        .contains("| CocoRleBenchmark.area | 1.235 ± 0.046 | µs/op |")
        .contains("| PreprocessBenchmark.samEncoderInput | 23457 ± 812 | µs/op |")
        .contains("| PreprocessBenchmark.clipInput | 512.3 | µs/op |");
  }

  @Test
  void jsonKeepsTheSettingsAndWritesAMissingErrorAsNull() throws Exception {
    JsonNode json = new ObjectMapper().readTree(MicroReport.json(rows, MicroSettings.defaults()));
    assertThat(json.at("/settings/measurementIterations").asInt()).isEqualTo(3);
    assertThat(json.at("/results/0/score").asDouble()).isEqualTo(1.23456);
    assertThat(json.at("/results/2/error").isNull()).isTrue();
    assertThat(json.at("/results/1/unit").asText()).isEqualTo("us/op");
  }
}
