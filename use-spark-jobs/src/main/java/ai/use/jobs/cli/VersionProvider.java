package ai.use.jobs.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = UseCli.class.getPackage().getImplementationVersion();
    return new String[] {"use " + (v == null ? "dev" : v)};
  }
}
