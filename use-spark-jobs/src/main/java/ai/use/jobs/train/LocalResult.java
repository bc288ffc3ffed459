package ai.use.jobs.train;

import java.io.Serializable;

/**
 * What one partition returns from one round. The delta ΔW_p = {@code weights − W_r} is formed on
 * the driver in double precision (exact for float inputs), so P=1 with outer lr 1 reproduces the
 * local weights bit for bit.
 *
 * @param weights the partition's weights after its H inner steps {@code [n]}
 * @param innerState S_{r+1,p}, the serialized inner optimizer state after those steps
 * @param loss mean training loss over the steps (NaN when the shard is empty)
 * @param examples examples consumed (steps × batch), 0 for an empty shard
 */
public record LocalResult(float[] weights, byte[] innerState, double loss, long examples)
    implements Serializable {}
