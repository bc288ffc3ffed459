package ai.use.model.bench.jmh;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.util.List;
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
 * COCO RLE as every mask the label job writes goes through it: encode, decode, IoU (NMS, dedup) and
 * area of a 320×240 mask with four blobs, and encode of a 12-megapixel (4000×3000) mask with eight
 * blobs, the size of a phone photo.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CocoRleBenchmark {

  /** A toy-world mask, its RLE and the RLE of the same blobs moved by a few pixels. */
  @State(Scope.Benchmark)
  public static class ToyMask {
    BinaryMask mask;
    Rle rle;
    Rle shifted;

    /** Draws the blobs and encodes both masks once. */
    @Setup(Level.Trial)
    public void setUp() {
      List<ToyInputs.Blob> blobs = ToyInputs.blobs(ToyInputs.HEIGHT, ToyInputs.WIDTH, 4, 11);
      mask = ToyInputs.mask(ToyInputs.HEIGHT, ToyInputs.WIDTH, blobs);
      rle = CocoRle.encode(mask);
      shifted =
          CocoRle.encode(
              ToyInputs.mask(
                  ToyInputs.HEIGHT, ToyInputs.WIDTH, ToyInputs.shifted(blobs, 3.0, 5.0)));
    }
  }

  /** A 4000×3000 mask (12 megapixels). */
  @State(Scope.Benchmark)
  public static class LargeMask {
    BinaryMask mask;

    /** Draws the blobs once. */
    @Setup(Level.Trial)
    public void setUp() {
      mask = ToyInputs.mask(3000, 4000, ToyInputs.blobs(3000, 4000, 8, 13));
    }
  }

  /** Mask → RLE, 320×240. */
  @Benchmark
  public Rle encode(ToyMask s) {
    return CocoRle.encode(s.mask);
  }

  /** RLE → mask, 320×240. */
  @Benchmark
  public BinaryMask decode(ToyMask s) {
    return CocoRle.decode(s.rle);
  }

  /** IoU of two overlapping 320×240 RLEs (merged runs, no decoding). */
  @Benchmark
  public double iou(ToyMask s) {
    return CocoRle.iou(s.rle, s.shifted);
  }

  /** Area of a 320×240 RLE. */
  @Benchmark
  public long area(ToyMask s) {
    return CocoRle.area(s.rle);
  }

  /** Mask → RLE, 4000×3000. */
  @Benchmark
  public Rle encode12Mp(LargeMask s) {
    return CocoRle.encode(s.mask);
  }
}
