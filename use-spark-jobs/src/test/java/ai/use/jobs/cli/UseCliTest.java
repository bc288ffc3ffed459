package ai.use.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line without Spark: help, usage errors, exit codes. */
class UseCliTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = UseCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpListsTheJobs() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo", "gen-toy", "pairs", "defaults-conf");
  }

  /** bin/use prints its own job list before Java starts; it must name every registered job. */
  @Test
  void theLaunchersJobListNamesEveryJob() throws java.io.IOException {
    String launcher =
        java.nio.file.Files.readString(
            java.nio.file.Path.of(System.getProperty("use.repo.root", "..")).resolve("bin/use"));
    String jobs =
        launcher.substring(
            launcher.indexOf("Jobs:"), launcher.indexOf("Spark options (before the job)"));
    for (String name : UseCli.commandLine().getSubcommands().keySet()) {
      if (!name.equals("help")) {
        assertThat(jobs).as("bin/use's job list").containsPattern("(?m)^  " + name + " ");
      }
    }
  }

  @Test
  void eachJobHasGeneratedHelp() {
    assertThat(run("pairs", "--help")).isZero();
    assertThat(out.toString())
        .contains("--images", "--instances", "--captions", "--out", "--source");
  }

  @Test
  void missingRequiredOptionIsAUsageError() {
    assertThat(run("pairs", "--images", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options").contains("--instances");
  }

  @Test
  void unsupportedSourceIsNamed() {
    int code = run("pairs", "--source", "magic", "--images", "a", "--instances", "b", "--out", "c");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("--source magic is not supported; supported: ground-truth, annotations, vlm");
  }

  @Test
  void defaultsConfPrintsEveryKey() {
    assertThat(run("defaults-conf")).isZero();
    assertThat(out.toString()).contains("spark.use.maxErrorRate 0.05");
  }
}
