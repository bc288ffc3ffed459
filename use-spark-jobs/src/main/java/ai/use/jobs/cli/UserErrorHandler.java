package ai.use.jobs.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the errors a user can fix (bad config values, missing inputs) into one clear line and exit
 * code 2, instead of a stack trace; anything else is a bug and keeps its stack trace.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
  /** Exit code of a run that could not start because of bad usage, config or inputs. */
  static final int USAGE = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
      throws Exception {
    Throwable cause = e;
    while (cause != null) {
      if (cause instanceof IllegalArgumentException) {
        cli.getErr().println("use " + cli.getCommandName() + ": " + cause.getMessage());
        return USAGE;
      }
      cause = cause.getCause();
    }
    throw e;
  }
}
