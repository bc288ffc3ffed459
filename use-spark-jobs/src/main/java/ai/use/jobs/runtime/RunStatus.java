package ai.use.jobs.runtime;

/** Outcome of a job run, as written in its run summary. */
public enum RunStatus {
  SUCCEEDED,
  FAILED;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
