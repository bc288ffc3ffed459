package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.sam.amg.BatchIterator.Range;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAM's batch_iterator: ceil(n / size) batches, the last one shorter. */
class BatchIteratorTest {

  @Test
  void lastBatchIsShorter() {
    assertThat(BatchIterator.ranges(5, 2))
        .containsExactly(new Range(0, 2), new Range(2, 4), new Range(4, 5));
    assertThat(BatchIterator.ranges(4, 2)).containsExactly(new Range(0, 2), new Range(2, 4));
    assertThat(BatchIterator.ranges(0, 64)).isEmpty();
    // SAM's default: 32 x 32 points in batches of 64 -> 16 full batches
    assertThat(BatchIterator.ranges(1024, 64)).hasSize(16).allMatch(r -> r.size() == 64);
  }

  @Test
  void batchesSlicePoints() {
    double[][] points = PointGrids.buildPointGrid(2);
    List<double[][]> batches = BatchIterator.batches(points, 3);
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).isDeepEqualTo(new double[][] {points[0], points[1], points[2]});
    assertThat(batches.get(1)).isDeepEqualTo(new double[][] {points[3]});
  }

  @Test
  void rejectsAnEmptyBatch() {
    assertThatThrownBy(() -> BatchIterator.ranges(5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("points_per_batch must be >= 1, got 0");
  }
}
