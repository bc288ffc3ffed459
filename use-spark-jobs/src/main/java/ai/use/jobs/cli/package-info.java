/** The {@code use} command line (picocli): one subcommand per job, {@code --help} on each. */
package ai.use.jobs.cli;
