package ai.use.model.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs this package's JMH micro-benchmarks through JMH's Runner API (forks inherit {@code
 * java.class.path}), prints a Markdown table of benchmark, score ± error and unit, and writes it
 * with a JSON copy ({@code micro.md}, {@code micro.json}) under the settings' folder. Started by
 * {@code bin/bench-micro}; {@link #run(Options)} serves any other caller.
 */
public final class MicroBenchmarks {
  private MicroBenchmarks() {}

  /**
   * One benchmark's result.
   *
   * @param benchmark {@code Class.method}, without the package
   * @param score the mean over the measured iterations of all forks
   * @param error half-width of JMH's 99.9 % confidence interval; NaN with a single iteration
   * @param unit JMH's unit, e.g. {@code us/op}
   */
  public record Row(String benchmark, double score, double error, String unit) {}

  /**
   * Runs the benchmarks {@code options} select and returns their results sorted by name.
   *
   * @throws RunnerException when JMH fails or a benchmark throws
   * @throws IllegalArgumentException when the options select no benchmark
   */
  public static List<Row> run(Options options) throws RunnerException {
    try {
      return new Runner(options)
          .run().stream()
              .map(MicroBenchmarks::row)
              .sorted(Comparator.comparing(Row::benchmark))
              .toList();
    } catch (NoBenchmarksException e) {
      throw new IllegalArgumentException(
          "no benchmark matches --include " + options.getIncludes(), e);
    }
  }

  /** Runs the benchmarks {@code settings} select, at JMH's normal verbosity. */
  public static List<Row> run(MicroSettings settings) throws RunnerException {
    return run(settings.toOptions(VerboseMode.NORMAL));
  }

  private static Row row(RunResult result) {
    Result<?> primary = result.getPrimaryResult();
    String name = result.getParams().getBenchmark();
    String prefix = MicroBenchmarks.class.getPackageName() + ".";
    if (name.startsWith(prefix)) {
      name = name.substring(prefix.length());
    }
    return new Row(name, primary.getScore(), primary.getScoreError(), primary.getScoreUnit());
  }

  /**
   * Command line: see {@link MicroSettings#USAGE}; a bad option prints the usage and exits with 2.
   *
   * @throws RunnerException when JMH fails or a benchmark throws
   * @throws IOException when the results cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(MicroSettings.USAGE);
      return;
    }
    MicroSettings settings;
    try {
      settings = MicroSettings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-micro: " + e.getMessage());
      System.err.print(MicroSettings.USAGE);
      System.exit(2);
      return;
    }
    List<Row> rows = run(settings);
    String markdown = MicroReport.markdown(rows, settings);
    System.out.println();
    System.out.print(markdown);
    if (settings.out() != null) {
      Files.createDirectories(settings.out());
      Path md = settings.out().resolve("micro.md");
      Path json = settings.out().resolve("micro.json");
      Files.writeString(md, markdown);
      Files.writeString(json, MicroReport.json(rows, settings));
      System.out.println();
      System.out.println("wrote " + md.toAbsolutePath() + " and " + json.getFileName());
    }
  }
}
