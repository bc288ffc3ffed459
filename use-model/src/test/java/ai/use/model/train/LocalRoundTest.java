package ai.use.model.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.use.model.head.HeadConfig;
import ai.use.model.head.UseEmbedder;
import ai.use.model.head.UseHead;
import org.junit.jupiter.api.Test;

class LocalRoundTest {
  private static final HeadConfig CONFIG = HeadConfig.full(SyntheticShard.DIMS, 16);
  private static final TrainOptions OPTIONS = new TrainOptions(42, 5, 16, 1e-2f, 1e-2f);

  private static final SyntheticShard SHARD = new SyntheticShard(50, 1);

  @Test
  void sameInputsGiveBitIdenticalOutputsAndLeaveTheInputsAlone() {
    float[] w = UseHead.initialWeights(CONFIG, 7);
    float[] wCopy = w.clone();
    AdamWState s = AdamWState.initial(w.length);
    RoundResult a = LocalRound.run(CONFIG, w, s, SHARD.examples, OPTIONS);
    RoundResult b = LocalRound.run(CONFIG, w, s, SHARD.examples, OPTIONS);
    assertThat(a.weights()).containsExactly(b.weights());
    assertThat(a.state().toBytes()).isEqualTo(b.state().toBytes());
    assertThat(a.meanLoss()).isEqualTo(b.meanLoss());
    assertThat(a.weights()).isNotEqualTo(w);
    assertThat(w).containsExactly(wCopy);
    assertThat(s.step()).isZero();
    assertThat(s.m()).containsOnly(0f);
    assertThat(a.state().step()).isEqualTo(5);
    assertThat(a.segments()).isEqualTo(5 * 16);
    RoundResult otherSeed =
        LocalRound.run(CONFIG, w, s, SHARD.examples, new TrainOptions(43, 5, 16, 1e-2f, 1e-2f));
    assertThat(otherSeed.weights()).isNotEqualTo(a.weights());
  }

  @Test
  void chainedRoundsEqualThePlainLoopBitForBit() {
    float[] w0 = UseHead.initialWeights(CONFIG, 8);
    int rounds = 3;
    float[] viaWeights = w0;
    float[] viaDeltas = w0;
    AdamWState state = AdamWState.initial(w0.length);
    AdamWState deltaState = state;
    for (int r = 0; r < rounds; r++) {
      RoundResult result = LocalRound.run(CONFIG, viaWeights, state, SHARD.examples, OPTIONS);
      viaWeights = result.weights();
      state = AdamWState.fromBytes(result.state().toBytes()); // as the driver keeps it
      // a driver with P = 1, outer lr 1, no momentum: w + Σ delta, summed in double
      RoundResult d = LocalRound.run(CONFIG, viaDeltas, deltaState, SHARD.examples, OPTIONS);
      double[] delta = d.delta(viaDeltas);
      float[] next = new float[delta.length];
      for (int i = 0; i < next.length; i++) {
        next[i] = (float) ((double) viaDeltas[i] + 1.0 * delta[i]);
      }
      viaDeltas = next;
      deltaState = d.state();
    }
    try (PlainTrainer plain =
        new PlainTrainer(CONFIG, w0, SHARD.examples, OPTIONS.withSteps(rounds * 5))) {
      plain.train();
      assertThat(viaWeights).containsExactly(plain.weights());
      assertThat(viaDeltas).containsExactly(plain.weights());
      assertThat(state.toBytes()).isEqualTo(plain.state().toBytes());
    }
  }

  @Test
  void trainingLowersTheLossAndLearnsTheClasses() {
    float[] w0 = UseHead.initialWeights(CONFIG, 9);
    SyntheticShard heldOut = new SyntheticShard(60, 2);
    double before;
    try (UseEmbedder e = UseEmbedder.of(CONFIG, w0, 1e-5f, 1e-6f)) {
      before = TopOneAccuracy.of(e, heldOut.features, heldOut.labels, heldOut.classTexts);
    }
    RoundResult first =
        LocalRound.run(
            CONFIG, w0, AdamWState.initial(w0.length), SHARD.examples, OPTIONS.withSteps(10));
    RoundResult later =
        LocalRound.run(
            CONFIG, first.weights(), first.state(), SHARD.examples, OPTIONS.withSteps(60));
    assertThat(later.meanLoss()).isLessThan(first.meanLoss());
    try (UseEmbedder e = UseEmbedder.of(CONFIG, later.weights(), 1e-5f, 1e-6f)) {
      double after = TopOneAccuracy.of(e, heldOut.features, heldOut.labels, heldOut.classTexts);
      assertThat(after).isGreaterThan(0.9).isGreaterThan(before);
    }
  }

  @Test
  void mismatchedInputsAreClearErrors() {
    float[] w = UseHead.initialWeights(CONFIG, 1);
    assertThatThrownBy(
            () ->
                LocalRound.run(
                    CONFIG, new float[3], AdamWState.initial(3), SHARD.examples, OPTIONS))
        .hasMessageContaining("head weights: 3 values");
    assertThatThrownBy(
            () -> LocalRound.run(CONFIG, w, AdamWState.initial(4), SHARD.examples, OPTIONS))
        .hasMessageContaining("inner state of 4 values");
    assertThatThrownBy(
            () ->
                LocalRound.run(
                    CONFIG, w, AdamWState.initial(w.length), SHARD.examples.subList(0, 1), OPTIONS))
        .hasMessageContaining(">= 2 segments");
    assertThatThrownBy(() -> new TrainOptions(1, 5, 1, 1e-3f, 0))
        .hasMessageContaining("batch size must be >= 2");
  }
}
