package ai.use.jobs.train;

import java.io.Serializable;
import java.util.List;

/**
 * One partition's share of one round: H inner optimizer steps on a shard, as a pure function of its
 * inputs. Spark may run it more than once for the same inputs (task retry, a lost executor); every
 * run must give bit-identical outputs, which is what makes retries and resumes exact.
 *
 * @param <E> one training example (a segment's pooled features and its texts)
 */
@FunctionalInterface
public interface RoundStep<E> extends Serializable {

  /**
   * Runs the inner steps.
   *
   * @param weights W_r, the round's flat parameter vector {@code [n]} (not to be modified)
   * @param innerState S_{r,p}, this partition's serialized inner optimizer state; empty in the
   *     first round (a fresh optimizer)
   * @param shard the partition's examples in stable order (sorted by pair_id)
   * @param seed the partition's data-order seed ({@link RoundSeeds}); the step index kept in the
   *     inner state makes each round's draws differ
   * @return the partition's new local weights and inner state, and its loss
   */
  LocalResult run(float[] weights, byte[] innerState, List<E> shard, long seed);
}
