package ai.use.model.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this JVM runs libtorch's statically linked MKL with the AMD vendor-probe shim of {@code
 * native/mkl-amd} preloaded. Without it, MKL's SGEMM takes a slower generic path on AMD CPUs
 * (measured 52–56 against 61–66 GFLOP/s for 512³ fp32 on one Zen 4 core); {@code bin/jvm-flags.sh}
 * preloads it for {@code bin/use} and {@code bin/bench}.
 */
public final class MklAmdPreload {
  private static final Logger LOG = LoggerFactory.getLogger(MklAmdPreload.class);

  /** The shim's file name, as {@code bin/jvm-flags.sh} builds it. */
  public static final String LIBRARY = "libuse_mkl_amd.so";

  private static final java.util.concurrent.atomic.AtomicBoolean CHECKED =
      new java.util.concurrent.atomic.AtomicBoolean();

  private MklAmdPreload() {}

  /** Whether the shim is in this process's {@code LD_PRELOAD}. */
  public static boolean active() {
    String preload = System.getenv("LD_PRELOAD");
    return preload != null
        && Stream.of(preload.split("[: ]")).anyMatch(p -> p.endsWith("/" + LIBRARY));
  }

  /** Whether the CPU's vendor is AMD ({@code /proc/cpuinfo}; false where it cannot be read). */
  public static boolean amdCpu() {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (!Files.isReadable(cpuinfo)) {
      return false;
    }
    try (Stream<String> lines = Files.lines(cpuinfo)) {
      return lines.anyMatch(l -> l.startsWith("vendor_id") && l.contains("AuthenticAMD"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /** One line for benchmark tables: the BLAS libtorch uses here and whether the shim is on. */
  public static String describe() {
    if (active()) {
      return "oneMKL (static), AMD vendor probe preloaded";
    }
    return amdCpu() ? "oneMKL (static), generic path on this AMD CPU" : "oneMKL (static)";
  }

  /**
   * Checks once per JVM and logs, at WARN, that MKL runs its slower path when the CPU is AMD and
   * the shim is not preloaded.
   */
  public static void warnIfSlowPath() {
    if (CHECKED.compareAndSet(false, true) && !active() && amdCpu()) {
      LOG.warn(
          "AMD CPU: libtorch's MKL runs its generic matmul path (about 15 % slower here); preload"
              + " native/mkl-amd ({}), as bin/use does, or set"
              + " spark.executorEnv.LD_PRELOAD on a cluster. See native/mkl-amd/README.md.",
          LIBRARY);
    }
  }
}
