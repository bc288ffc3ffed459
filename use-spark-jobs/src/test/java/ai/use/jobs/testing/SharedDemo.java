package ai.use.jobs.testing;

import ai.use.common.config.TrainKeys;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.jobs.demo.DemoCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One run of the demo per test JVM, on a small toy world, shared by the tests that read its output
 * (notebooks, outside readers) so the suite pays for it once.
 */
public final class SharedDemo {
  /** The toy world the shared demo runs on: 6 train and 2 held-out images, seed 3. */
  public static final ToyWorldSpec SPEC = ToyWorldSpec.small(3, 6, 2);

  private static Path root;

  private SharedDemo() {}

  /** The demo's output root (runs the demo on first use; fails the test if the demo fails). */
  public static synchronized Path output() {
    if (root == null) {
      try {
        Path dir = Files.createTempDirectory("use-shared-demo-");
        // The demo's training settings, not whatever another test left on the shared session.
        TrainKeys.all().forEach(k -> SharedSpark.get().conf().unset(k.name()));
        if (!DemoCommand.run(SharedSpark.get(), dir, SPEC)) {
          throw new IllegalStateException("the shared demo failed; see its summary in " + dir);
        }
        root = dir;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("the shared demo failed: " + e.getMessage(), e);
      }
    }
    return root;
  }
}
