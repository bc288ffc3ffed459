package ai.use.jobs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One standalone cluster (a master and two workers on 127.0.0.1) for every integration test of a
 * test JVM: started on first use (~15–20 s here), stopped with its executors by a shutdown hook.
 */
public final class SharedCluster {
  /** Workers of the shared cluster, one core each: tasks run in two executor JVMs. */
  public static final int WORKERS = 2;

  private static StandaloneCluster cluster;

  private SharedCluster() {}

  /** The shared cluster, started on the first call. */
  public static synchronized StandaloneCluster get() {
    if (cluster == null) {
      try {
        cluster =
            StandaloneCluster.start(
                SubmitJvm.sparkHome(), WORKERS, Files.createTempDirectory("use-cluster-"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the standalone cluster", e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-shared-cluster"));
    }
    return cluster;
  }
}
