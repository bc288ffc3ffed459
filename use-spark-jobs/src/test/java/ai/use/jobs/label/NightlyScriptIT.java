package ai.use.jobs.label;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.jobs.testing.SubmitJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code conf/nightly/use-label-nightly.sh} run for real, as cron or systemd runs it: with a
 * stand-in {@code bin/use} under {@code USE_HOME} (it records its arguments and exits with the code
 * it is told to) the job's exit codes 0 and 1 pass through, a second run while the first holds the
 * lock exits 75 without running the job, and each night's log lands in {@code USE_LOG_DIR} (default
 * {@code /tmp}); with the real {@code bin/use} a bad run date passes its exit code 2 through.
 */
class NightlyScriptIT {
  private static final Path ROOT =
      Path.of(System.getProperty("use.repo.root", "..")).toAbsolutePath().normalize();
  private static final Path SCRIPT = ROOT.resolve("conf/nightly/use-label-nightly.sh");

  /** Stand-in for bin/use: logs its arguments, may wait for a file, exits with FAKE_RC. */
  private static final String FAKE_USE =
      """
      #!/usr/bin/env bash
      echo "fake bin/use args: $*"
      echo "USE_SKIP_BUILD=$USE_SKIP_BUILD"
      echo "started" >> "$FAKE_CALLS"
      if [[ -n "${FAKE_HOLD:-}" ]]; then
        while [[ ! -e "$FAKE_HOLD" ]]; do sleep 0.05; done
      fi
      echo "fake job stderr line" >&2
      exit "${FAKE_RC:-0}"
      """;

  @TempDir Path dir;
  private Path home;
  private Path calls;
  private Path logs;

  private record Run(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void fakeHome() throws IOException {
    home = dir.resolve("home");
    Files.createDirectories(home.resolve("bin"));
    Path use = Files.writeString(home.resolve("bin/use"), FAKE_USE);
    Files.setPosixFilePermissions(use, PosixFilePermissions.fromString("rwxr-xr-x"));
    calls = dir.resolve("calls.txt");
    logs = dir.resolve("logs");
  }

  /** The script's environment: the fake home, a private lock and log folder. */
  private Map<String, String> env(String runDate) {
    Map<String, String> env = new HashMap<>();
    env.put("USE_HOME", home.toString());
    env.put("USE_IMAGES", "file:///corpus/images");
    env.put("USE_OUT", "file:///corpus/use");
    env.put("USE_VOCAB", "/etc/use/vocab.txt");
    env.put("USE_SPARK_ARGS", "--master local[1] --conf spark.use.maxErrorRate=0.1");
    env.put("USE_RUN_DATE", runDate);
    env.put("USE_LOCK", dir.resolve("use-label.lock").toString());
    env.put("USE_LOG_DIR", logs.toString());
    env.put("FAKE_CALLS", calls.toString());
    return env;
  }

  private Process start(Map<String, String> env, String name) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(SCRIPT.toString())
            .directory(dir.toFile())
            .redirectOutput(dir.resolve(name + ".stdout").toFile())
            .redirectError(dir.resolve(name + ".stderr").toFile());
    for (String key : List.copyOf(builder.environment().keySet())) {
      if (key.startsWith("USE_") || key.startsWith("FAKE_")) {
        builder.environment().remove(key);
      }
    }
    SubmitJvm.localEnvironment(builder.environment());
    builder.environment().putAll(env);
    return builder.start();
  }

  private Run finish(Process process, String name) throws Exception {
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      SubmitJvm.destroyTree(process.toHandle(), java.time.Duration.ofSeconds(5));
      throw new AssertionError(name + ": the nightly script did not finish in 2 minutes");
    }
    return new Run(
        process.exitValue(),
        Files.readString(dir.resolve(name + ".stdout")),
        Files.readString(dir.resolve(name + ".stderr")));
  }

  private Run run(Map<String, String> env, String name) throws Exception {
    return finish(start(env, name), name);
  }

  private long calls() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls).size() : 0;
  }

  @Test
  void exitCodesPassThroughAndEachNightLogsToItsFile() throws Exception {
    Run ok = run(env("2026-11-24"), "ok");
    assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    Path log = logs.resolve("use-label-2026-11-24.log");
    assertThat(ok.stdout()).contains("run_date 2026-11-24 succeeded (log " + log + ")");
    assertThat(Files.readString(log))
        .contains(
            "fake bin/use args: --master local[1] --conf spark.use.maxErrorRate=0.1 label"
                + " --images file:///corpus/images --out file:///corpus/use --run-date 2026-11-24"
                + " --vocab /etc/use/vocab.txt --embedder clip-dense")
        .contains("USE_SKIP_BUILD=1")
        .contains("fake job stderr line");

    Map<String, String> failing = env("2026-11-25");
    failing.put("FAKE_RC", "1");
    failing.put("USE_EMBEDDER", "--head s3a://bucket/heads/h1");
    Run failed = run(failing, "failed");
    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderr())
        .contains("run_date 2026-11-25 FAILED: error rate above spark.use.maxErrorRate")
        .contains("file:///corpus/use/label.run-summary.json");
    assertThat(Files.readString(logs.resolve("use-label-2026-11-25.log")))
        .contains("--run-date 2026-11-25 --vocab /etc/use/vocab.txt --head s3a://bucket/heads/h1");
    assertThat(calls()).isEqualTo(2);

    // Without USE_LOG_DIR the log goes to /tmp, as the script's header says.
    Map<String, String> defaults = env("2097-03-14");
    defaults.remove("USE_LOG_DIR");
    Path tmpLog = Path.of("/tmp/use-label-2097-03-14.log");
    try {
      Run inTmp = run(defaults, "tmp");
      assertThat(inTmp.exitCode()).as(inTmp.stderr()).isZero();
      assertThat(Files.readString(tmpLog)).contains("--run-date 2097-03-14");
    } finally {
      Files.deleteIfExists(tmpLog);
    }

    // Bad inputs exit 2 (never 1, the page) with one line on stderr, and run nothing.
    Map<String, String> noImages = env("2026-11-26");
    noImages.remove("USE_IMAGES");
    Run unset = run(noImages, "unset");
    assertThat(unset.exitCode()).isEqualTo(2);
    assertThat(unset.stderr()).isEqualTo("use-label-nightly: set USE_IMAGES to the images root\n");
    Map<String, String> badLock = env("2026-11-26");
    badLock.put("USE_LOCK", dir.resolve("absent/use-label.lock").toString());
    Run locked = run(badLock, "bad-lock");
    assertThat(locked.exitCode()).isEqualTo(2);
    assertThat(locked.stderr())
        .startsWith("use-label-nightly: cannot open the lock file")
        .hasLineCount(1);
    assertThat(calls()).isEqualTo(3);
  }

  @Test
  void aSecondRunWhileTheFirstHoldsTheLockExits75WithoutRunning() throws Exception {
    Map<String, String> env = env("2026-11-24");
    Path release = dir.resolve("release");
    env.put("FAKE_HOLD", release.toString());
    Process first = start(env, "first");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (calls() == 0) {
      assertThat(first.isAlive()).as("the first run is still going").isTrue();
      assertThat(System.nanoTime()).as("the first run's job started").isLessThan(deadline);
      Thread.sleep(50);
    }

    Run second = run(env("2026-11-24"), "second");
    assertThat(second.exitCode()).isEqualTo(75);
    assertThat(second.stderr())
        .contains("another run holds " + dir.resolve("use-label.lock"))
        .contains("not starting run_date 2026-11-24");
    assertThat(calls()).as("the second run did not start the job").isEqualTo(1);

    Files.createFile(release);
    Run firstDone = finish(first, "first");
    assertThat(firstDone.exitCode()).as(firstDone.stderr()).isZero();
    // The night's log is the first run's, whole: the locked-out run did not touch it.
    assertThat(Files.readString(logs.resolve("use-label-2026-11-24.log")))
        .contains("fake bin/use args:")
        .contains("fake job stderr line");

    // With the lock free again the next run starts.
    Run third = run(env("2026-11-24"), "third");
    assertThat(third.exitCode()).isZero();
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void withTheRealBinUseABadRunDateExitsTwo() throws Exception {
    Map<String, String> env = env("2026-02-30");
    env.remove("USE_HOME"); // the default: this checkout, two levels above the script
    env.put("USE_SPARK_ARGS", "--master local[1]");
    Run bad = run(env, "real");
    String log = Files.readString(logs.resolve("use-label-2026-02-30.log"));
    assertThat(bad.exitCode()).as(log).isEqualTo(2);
    assertThat(bad.stderr()).contains("run_date 2026-02-30 did not run (exit 2)");
    assertThat(log).contains("--run-date 2026-02-30 is not a date");
    assertThat(calls()).isZero();
  }
}
