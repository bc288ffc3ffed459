package ai.use.model.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.CocoRle;
import ai.use.model.bench.jmh.MicroBenchmarks.Row;
import ai.use.model.image.ImageTensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Keeps the micro-benchmarks from rotting: one runs through the real runner (in this JVM, one 100
 * ms iteration), and the states build the inputs the benchmarks claim to measure.
 */
class MicroBenchmarksTest {

  private static MicroSettings smallest(String include) {
    return new MicroSettings(0, 0, 1, 100, include, null);
  }

  @Test
  void runsOneBenchmarkThroughJmhAndReportsAPositiveScore() throws Exception {
    List<Row> rows =
        MicroBenchmarks.run(smallest("CocoRleBenchmark\\.area$").toOptions(VerboseMode.SILENT));

    assertThat(rows).hasSize(1);
    Row row = rows.get(0);
    assertThat(row.benchmark()).isEqualTo("CocoRleBenchmark.area");
    assertThat(row.score()).isPositive();
    assertThat(row.unit()).isEqualTo("us/op");
    assertThat(MicroReport.markdown(rows, smallest("x")))
        .contains("| CocoRleBenchmark.area | ")
        .contains(" | µs/op |");
  }

  @Test
  void anIncludeThatMatchesNothingFailsClearly() {
    assertThatThrownBy(
            () -> MicroBenchmarks.run(smallest("NoSuchBenchmark").toOptions(VerboseMode.SILENT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no benchmark matches --include [NoSuchBenchmark]");
  }

  @Test
  void preprocessingStateUsesTheToyZoosGeometries() {
    PreprocessBenchmark b = new PreprocessBenchmark();
    b.setUp();

    ImageTensor sam = b.samEncoderInput();
    assertThat(sam.size()).isEqualTo(1024);
    assertThat(sam.geometry().resizedHeight()).isEqualTo(768);
    assertThat(sam.geometry().resizedWidth()).isEqualTo(1024);
    assertThat(b.clipInput().size()).isEqualTo(224);
    assertThat(b.bilinear240x320To768x1024()).hasSize(3 * 768 * 1024);
  }

  @Test
  void rleStateHoldsBlobsThatOverlapTheirShiftedCopy() {
    CocoRleBenchmark.ToyMask s = new CocoRleBenchmark.ToyMask();
    s.setUp();

    long area = CocoRle.area(s.rle);
    assertThat(area).isBetween(1_000L, 240L * 320 / 2);
    assertThat(CocoRle.decode(s.rle)).isEqualTo(s.mask);
    assertThat(CocoRle.iou(s.rle, s.shifted)).isStrictlyBetween(0.3, 1.0);
  }
}
