package ai.use.jobs.train;

import java.io.Serializable;

/**
 * One task's answer for one round.
 *
 * @param partition p
 * @param result its local weights, inner state and loss
 * @param taskNanos time spent inside {@link RoundStep#run} (materializing the shard included)
 */
record PartitionOutcome(int partition, LocalResult result, long taskNanos)
    implements Serializable {}
