package ai.use.jobs.cli;

import ai.use.jobs.demo.DemoCommand;
import ai.use.jobs.eval.EvalCommand;
import ai.use.jobs.export.ExportTablesCommand;
import ai.use.jobs.features.FeaturesCommand;
import ai.use.jobs.label.BenchLabelCommand;
import ai.use.jobs.label.LabelCommand;
import ai.use.jobs.pairs.PairsCommand;
import ai.use.jobs.query.QueryCommand;
import ai.use.jobs.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code use} command line: one subcommand per job. Run it through {@code bin/use} (which calls
 * Spark's own spark-submit) or {@code spark-submit --class ai.use.jobs.cli.UseCli app.jar <job> …}.
 */
@Command(
    name = "use",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "USE on Spark: Universal Segment Embeddings over image corpora.",
      "Spark options (--master, --conf spark.use.*=..., --properties-file) go before the job name.",
    },
    subcommands = {
      DemoCommand.class,
      GenToyCommand.class,
      PairsCommand.class,
      FeaturesCommand.class,
      TrainCommand.class,
      LabelCommand.class,
      QueryCommand.class,
      EvalCommand.class,
      ExportTablesCommand.class,
      DefaultsConfCommand.class,
      BenchModelsCommand.class,
      BenchLabelCommand.class,
      CommandLine.HelpCommand.class
    })
public final class UseCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Entry point; exits with the job's status (0 ok, 1 failed run, 2 bad usage or config). */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line (also used by tests). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new UseCli());
    cli.setExecutionExceptionHandler(new UserErrorHandler());
    return cli;
  }
}
