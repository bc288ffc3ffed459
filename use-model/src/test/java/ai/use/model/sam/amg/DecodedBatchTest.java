package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.common.mask.BinaryMask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The survivors of a batch: indices inside the batch, masks of the batch's size. */
class DecodedBatchTest {

  @Test
  void holdsACopyOfTheSurvivors() {
    List<DecodedBatch.Survivor> survivors = new ArrayList<>();
    survivors.add(new DecodedBatch.Survivor(5, 0.9f, 0.95f, new BinaryMask(2, 3)));
    DecodedBatch b = new DecodedBatch(2, 3, 2, 3, survivors);
    survivors.clear();
    assertThat(b.survivors()).extracting(DecodedBatch.Survivor::index).containsExactly(5);
  }

  @Test
  void rejectsSurvivorsOutsideTheBatch() {
    assertThatThrownBy(
            () ->
                new DecodedBatch(
                    2,
                    3,
                    2,
                    3,
                    List.of(new DecodedBatch.Survivor(6, 0.9f, 0.95f, new BinaryMask(2, 3)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("survivor index 6 is outside the 6 masks of 2 prompts");
    assertThatThrownBy(
            () ->
                new DecodedBatch(
                    1,
                    1,
                    2,
                    3,
                    List.of(new DecodedBatch.Survivor(0, 0.9f, 0.95f, new BinaryMask(3, 2)))))
        .hasMessage("survivor mask of 3x2 does not match the batch's 2x3 (HxW)");
    assertThatThrownBy(() -> new DecodedBatch(0, 3, 2, 3, List.of()))
        .hasMessage("a batch needs prompts and masks per point, got 0 and 3");
  }
}
