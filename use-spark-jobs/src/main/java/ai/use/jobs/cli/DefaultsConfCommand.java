package ai.use.jobs.cli;

import ai.use.common.config.DefaultsFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes conf/use-defaults.conf (every spark.use.* key with its default) from the code. */
@Command(
    name = "defaults-conf",
    mixinStandardHelpOptions = true,
    description = "Print or write every spark.use.* key with its default and meaning.")
final class DefaultsConfCommand implements Callable<Integer> {
  @Option(
      names = "--write",
      paramLabel = "FILE",
      description = "write to FILE (e.g. conf/use-defaults.conf) instead of printing")
  Path write;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    String text = DefaultsFile.render();
    if (write == null) {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    } else {
      Files.writeString(write, text, StandardCharsets.UTF_8);
      spec.commandLine().getOut().println("wrote " + write);
    }
    return 0;
  }
}
