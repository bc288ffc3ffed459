package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory on a large image: 36 masks of a 6000 × 2000 image survive, which as binary masks
 * (a byte per pixel) would need 36 × 12 MB = 432 MB, in a JVM with a 256 MB heap. Batches and
 * candidates hold RLE, so the generator finishes; while candidates held binary masks it ran out of
 * memory. The generator runs in a child JVM so that the heap can be that small.
 */
class LargeImageMemoryTest {
  static final int H = 2000;
  static final int W = 6000;
  static final int POINTS_PER_SIDE = 6;

  @Test
  void manyLargeSurvivorsFitInASmallHeap() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("records 36, each of area 1600");
  }

  /** The child JVM: the generator with a fake model whose survivors are 40 × 40 squares. */
  public static final class Child {
    public static void main(String[] args) {
      AmgOptions options =
          AmgOptions.builder()
              .optPointsPerSide(POINTS_PER_SIDE)
              .optOutputMode(AmgOptions.OutputMode.COCO_RLE)
              .build();
      List<MaskRecord> records = MaskGeneration.generate(H, W, options, Child::decoder);
      long sameArea = records.stream().filter(r -> r.area() == 40 * 40).count();
      System.out.println(
          "records "
              + records.size()
              + ", each of area "
              + (sameArea == records.size() ? 1600 : -1));
    }

    private static MaskGeneration.PromptDecoder decoder(CropBox crop) {
      return new MaskGeneration.PromptDecoder() {
        @Override
        public DecodedBatch decode(double[][] points) {
          List<DecodedBatch.Survivor> survivors = new ArrayList<>();
          for (int i = 0; i < points.length; i++) {
            int x = (int) points[i][0];
            int y = (int) points[i][1];
            survivors.add(
                new DecodedBatch.Survivor(i, 0.95f, 0.99f, square(x - 20, y - 20, x + 20, y + 20)));
          }
          return new DecodedBatch(points.length, 1, crop.height(), crop.width(), survivors);
        }

        @Override
        public void close() {}
      };
    }
  }

  /** A rectangle {@code [x0, x1) × [y0, y1)} of an H × W image as COCO RLE (column-major runs). */
  static Rle square(int x0, int y0, int x1, int y1) {
    List<Long> runs = new ArrayList<>();
    long zeros = (long) x0 * H + y0;
    for (int x = x0; x < x1; x++) {
      runs.add(zeros);
      runs.add((long) (y1 - y0));
      zeros = H - (y1 - y0);
    }
    runs.add(zeros - y0 + (long) (W - x1) * H);
    return new Rle(
        H, W, CocoRle.countsToString(runs.stream().mapToLong(Long::longValue).toArray()));
  }
}
