package ai.use.model.bench.jmh;

import ai.use.model.image.Bilinear;
import ai.use.model.image.ImagePreprocessor;
import ai.use.model.image.ImageTensor;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import java.awt.image.BufferedImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Image preprocessing of one 320×240 toy image, as the label job does it per image: to the toy
 * {@code sam-encoder}'s input (longest side to 1024, SAM's mean/std, zero-padded) and to the toy
 * {@code clip-image}'s 224 input, both with the geometry their sidecars in the toy zoo give; and
 * the bilinear resize of the three 240×320 planes to 768×1024 that dominates the SAM case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PreprocessBenchmark {
  private BufferedImage image;
  private float[] planes;
  private ImagePreprocessor samEncoder;
  private ImagePreprocessor clipImage;

  /** Builds the toy image and the two preprocessors from the toy zoo's sidecars. */
  @Setup(Level.Trial)
  public void setUp() {
    image = ToyInputs.image(ToyInputs.HEIGHT, ToyInputs.WIDTH, 7);
    planes = ToyInputs.rgbPlanes(image);
    samEncoder = ImagePreprocessor.of(ToyZoo.sidecar(ModelRole.SAM_ENCODER));
    clipImage = ImagePreprocessor.of(ToyZoo.sidecar(ModelRole.CLIP_IMAGE));
  }

  /** 320×240 BGR → float {@code [3, 1024, 1024]} (768×1024 content, SAM normalization). */
  @Benchmark
  public ImageTensor samEncoderInput() {
    return samEncoder.apply(image);
  }

  /** 320×240 BGR → float {@code [3, 224, 224]} (168×224 content, CLIP normalization). */
  @Benchmark
  public ImageTensor clipInput() {
    return clipImage.apply(image);
  }

  /** Three 240×320 planes → 768×1024 ({@link Bilinear#resize}, PyTorch's taps and rounding). */
  @Benchmark
  public float[] bilinear240x320To768x1024() {
    return Bilinear.resize(planes, 3, ToyInputs.HEIGHT, ToyInputs.WIDTH, 768, 1024);
  }
}
