package ai.use.jobs.cli;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldGenerator;
import ai.use.common.toy.ToyWorldSpec;
import ai.use.common.toy.ToyWorldSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code use gen-toy}: writes the deterministic toy world to a local folder. */
@Command(
    name = "gen-toy",
    mixinStandardHelpOptions = true,
    description = {
      "Write the deterministic toy world: images, COCO instances/captions/referring JSON,"
          + " ADE20K-style label maps and spec.json (same seed -> same bytes).",
      "See docs/toy-world.md for its content and layout."
    })
public final class GenToyCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR", description = "local folder")
  Path out;

  @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--train-images", description = "train images (default: the frozen spec's 240)")
  Integer trainImages;

  @Option(
      names = "--heldout-images",
      description = "held-out images (default: the frozen spec's 60, >= 200 held-out objects)")
  Integer heldoutImages;

  @Override
  public Integer call() throws Exception {
    ToyWorldSummary summary =
        ToyWorldGenerator.generate(spec(seed, trainImages, heldoutImages), out);
    System.out.println(describe(summary, out));
    return 0;
  }

  /** The default spec, or a smaller one when image counts are given. */
  public static ToyWorldSpec spec(long seed, Integer trainImages, Integer heldoutImages) {
    if (trainImages == null && heldoutImages == null) {
      return ToyWorldSpec.defaults(seed);
    }
    ToyWorldSpec defaults = ToyWorldSpec.defaults(seed);
    return ToyWorldSpec.small(
        seed,
        trainImages != null ? trainImages : defaults.trainImages(),
        heldoutImages != null ? heldoutImages : defaults.heldoutImages());
  }

  static String describe(ToyWorldSummary summary, Path out) {
    StringBuilder s = new StringBuilder("toy world (spec v" + summary.spec().specVersion());
    s.append(", seed ").append(summary.spec().seed()).append(") in ").append(out);
    for (ToySplit split : ToySplit.values()) {
      ToyWorldSummary.Split c = summary.split(split);
      s.append(
          String.format(
              "%n  %-8s %4d images, %4d objects, %4d parts, %4d captions, %4d phrases",
              split.label(), c.images(), c.objects(), c.parts(), c.captions(), c.phrases()));
    }
    return s.toString();
  }
}
