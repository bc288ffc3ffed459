package ai.use.jobs.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.cli.UseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code use eval} on the command line, without Spark: help and usage errors (exit 2). */
class EvalCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = UseCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void helpNamesTheOptionsAndLayouts() {
    assertThat(run("eval", "--help")).isZero();
    assertThat(out.toString())
        .contains("--predictions", "--ground-truth", "--classes", "--layout", "--parts", "--out")
        .contains("ade20k-150", "pascal-context-459");
  }

  @Test
  void unknownLayoutIsAUsageError() {
    int code =
        run(
            "eval",
            "--predictions",
            "p",
            "--ground-truth",
            "g",
            "--classes",
            "c",
            "--out",
            "o",
            "--layout",
            "cityscapes");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .contains("use eval: unknown label layout 'cityscapes'; allowed: toy, ade20k-150");
  }

  @Test
  void missingRequiredOptionsAreNamed() {
    assertThat(run("eval", "--predictions", "p")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required options").contains("--ground-truth");
  }
}
