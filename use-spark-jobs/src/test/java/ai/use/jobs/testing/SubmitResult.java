package ai.use.jobs.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The end of a spark-submit (or {@code bin/use}) run: exit code, the whole stdout and stderr, where
 * they were written and how long it took.
 */
public record SubmitResult(
    int exitCode,
    List<String> command,
    String stdout,
    String stderr,
    Path stdoutFile,
    Path stderrFile,
    double seconds) {
  private static final Pattern APP_ID =
      Pattern.compile("Connected to Spark cluster with app ID (app-\\S+)");

  /** Reads the output files of a finished process. */
  public static SubmitResult of(
      int exitCode, List<String> command, Path stdout, Path stderr, double seconds) {
    return new SubmitResult(
        exitCode,
        List.copyOf(command),
        SubmitJvm.readLog(stdout),
        SubmitJvm.readLog(stderr),
        stdout,
        stderr,
        seconds);
  }

  /** The standalone application id the driver logged (present for {@code spark://} masters). */
  public Optional<String> appId() {
    return appIdIn(stderr);
  }

  /** The standalone application id in a driver log (Spark's INFO line), if it is there yet. */
  public static Optional<String> appIdIn(String driverLog) {
    Matcher m = APP_ID.matcher(driverLog);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Exit code, time and output tails: the description for a failed assertion. */
  public String describe() {
    return "exit code "
        + exitCode
        + " after "
        + String.format("%.1f", seconds)
        + " s\n--- command\n"
        + String.join(" ", command)
        + "\n--- stdout tail\n"
        + SubmitJvm.tail(stdoutFile, 20)
        + "\n--- stderr tail\n"
        + SubmitJvm.tail(stderrFile, 40);
  }
}
