package ai.use.jobs.train;

import java.io.Serializable;

/**
 * What the driver broadcasts for one round: (W_r, S_{r,·}).
 *
 * @param round r
 * @param weights W_r {@code [n]}
 * @param innerStates S_{r,p} for every partition p
 */
record RoundInput(int round, float[] weights, byte[][] innerStates) implements Serializable {}
