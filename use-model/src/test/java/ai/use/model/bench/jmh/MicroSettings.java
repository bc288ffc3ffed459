package ai.use.model.bench.jmh;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * How {@link MicroBenchmarks} runs JMH: forks, warm-up and measurement iterations of {@code
 * iterationMillis} each, which benchmarks (a regular expression over their full names) and where
 * the results go. Always average time in µs/op, one thread, forks with {@code -Xmx1g}.
 *
 * @param forks forked JVMs per benchmark (0 runs in this JVM: only for tests)
 * @param warmupIterations warm-up iterations per fork
 * @param measurementIterations measured iterations per fork
 * @param iterationMillis length of each iteration
 * @param include regular expression over benchmark names ({@code Class.method})
 * @param out folder for {@code micro.md} and {@code micro.json}, or null to write nothing
 */
public record MicroSettings(
    int forks,
    int warmupIterations,
    int measurementIterations,
    int iterationMillis,
    String include,
    Path out) {

  /** Every benchmark of this package. */
  public static final String ALL = "^ai\\.use\\.model\\.bench\\.jmh\\.";

  /** Usage text of the command-line options. */
  public static final String USAGE =
      """
      MicroBenchmarks [--quick] [--forks N] [--warmup N] [--iterations N] [--time-ms MS]
                      [--include REGEX] [--out DIR]
        defaults: 1 fork, 2 warm-up + 3 measured iterations of 1000 ms, every benchmark,
        results in target/bench-micro (micro.md, micro.json)
        --quick    1 warm-up + 2 measured iterations of 500 ms
        --include  regular expression over Class.method, e.g. 'CocoRle' or 'Preprocess.*sam'
      """;

  private static final List<String> KNOWN =
      List.of("--quick", "--forks", "--warmup", "--iterations", "--time-ms", "--include", "--out");

  public MicroSettings {
    checkAtLeast("--forks", forks, 0);
    checkAtLeast("--warmup", warmupIterations, 0);
    checkAtLeast("--iterations", measurementIterations, 1);
    checkAtLeast("--time-ms", iterationMillis, 1);
  }

  /** 1 fork, 2 warm-up and 3 measured iterations of 1 s, every benchmark, target/bench-micro. */
  public static MicroSettings defaults() {
    return new MicroSettings(1, 2, 3, 1000, ALL, Path.of("target", "bench-micro"));
  }

  /**
   * Parses command-line options over {@link #defaults()}; {@code --quick} sets the short settings
   * and options after it override them.
   *
   * @throws IllegalArgumentException naming an unknown option or a bad value
   */
  public static MicroSettings parse(String... args) {
    MicroSettings d = defaults();
    int forks = d.forks;
    int warmup = d.warmupIterations;
    int iterations = d.measurementIterations;
    int millis = d.iterationMillis;
    String include = d.include;
    Path out = d.out;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--quick")) {
        warmup = 1;
        iterations = 2;
        millis = 500;
        continue;
      }
      if (!KNOWN.contains(option)) {
        throw new IllegalArgumentException("unknown option " + option + " (known: " + KNOWN + ")");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[++i];
      switch (option) {
        case "--forks" -> forks = number(option, value);
        case "--warmup" -> warmup = number(option, value);
        case "--iterations" -> iterations = number(option, value);
        case "--time-ms" -> millis = number(option, value);
        case "--include" -> include = value;
        default -> out = Path.of(value);
      }
    }
    return new MicroSettings(forks, warmup, iterations, millis, include, out);
  }

  /** JMH's options for these settings. */
  public Options toOptions(VerboseMode verbosity) {
    TimeValue iteration = TimeValue.milliseconds(iterationMillis);
    return new OptionsBuilder()
        .include(include)
        .forks(forks)
        .jvmArgs("-Xmx1g")
        .threads(1)
        .warmupIterations(warmupIterations)
        .warmupTime(iteration)
        .measurementIterations(measurementIterations)
        .measurementTime(iteration)
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.MICROSECONDS)
        .shouldFailOnError(true)
        .verbosity(verbosity)
        .build();
  }

  /** One line describing the settings, for the report. */
  public String describe() {
    return String.format(
        "JMH, %d fork(s), %d warm-up + %d measured iterations of %d ms, average time",
        forks, warmupIterations, measurementIterations, iterationMillis);
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be an integer, got '" + value + "'", e);
    }
  }

  private static void checkAtLeast(String option, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", got " + value);
    }
  }
}
