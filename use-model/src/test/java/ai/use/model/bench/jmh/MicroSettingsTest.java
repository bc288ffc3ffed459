package ai.use.model.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.VerboseMode;

class MicroSettingsTest {

  @Test
  void defaultsAreOneForkTwoWarmupsThreeMeasuredSeconds() {
    MicroSettings s = MicroSettings.parse();
    assertThat(s).isEqualTo(MicroSettings.defaults());
    assertThat(s.forks()).isEqualTo(1);
    assertThat(s.warmupIterations()).isEqualTo(2);
    assertThat(s.measurementIterations()).isEqualTo(3);
    assertThat(s.iterationMillis()).isEqualTo(1000);
    assertThat(s.toOptions(VerboseMode.SILENT).getJvmArgs().get()).containsExactly("-Xmx1g");
  }

  @Test
  void quickIsShortAndLaterOptionsOverrideIt() {
    MicroSettings s =
        MicroSettings.parse(
            "--quick", "--forks", "2", "--iterations", "4", "--include", "CocoRle", "--out", "x");
    assertThat(s).isEqualTo(new MicroSettings(2, 1, 4, 500, "CocoRle", Path.of("x")));
  }

  @Test
  void badOptionsNameTheOptionAndTheValue() {
    assertThatThrownBy(() -> MicroSettings.parse("--fork", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown option --fork (known: [--quick, --forks");
    assertThatThrownBy(() -> MicroSettings.parse("--forks", "one"))
        .hasMessage("--forks must be an integer, got 'one'");
    assertThatThrownBy(() -> MicroSettings.parse("--iterations", "0"))
        .hasMessage("--iterations must be at least 1, got 0");
    assertThatThrownBy(() -> MicroSettings.parse("--include"))
        .hasMessage("--include needs a value");
  }
}
