package ai.use.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.cli.UseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code use query} on the command line, without Spark: help and usage errors (exit 2). */
class QueryCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = UseCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpListsTheOptions() {
    assertThat(run("query", "--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--segments",
            "--text",
            "--texts",
            "--like",
            "--top",
            "--images",
            "--run-date",
            "--model-version",
            "--label",
            "--export-embeddings",
            "--template");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    assertThat(run("query", "--segments", "s", "--text", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("use query: give --out (results and HTML)");
    assertThat(run("query", "--segments", "s", "--out", "o")).isEqualTo(2);
    assertThat(err.toString()).contains("nothing to do: give --text");
    assertThat(run("query", "--segments", "s", "--out", "o", "--text", "x", "--top", "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--top must be a positive number, got 0");
  }
}
