package ai.use.jobs.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * The P stable training shards: {@code repartition(P, pair_id)} + {@code
 * sortWithinPartitions(pair_id)}, mapped to examples and cached. Shard p holds the same examples in
 * the same order on every attempt and every run (a round-robin repartition would not).
 */
public final class StableShards {
  private StableShards() {}

  /**
   * @param rows rows with a unique, non-null {@code key} column
   * @param toExample row → example (runs on executors)
   */
  public static <E> JavaRDD<E> of(
      Dataset<Row> rows, int partitions, String key, Function<Row, E> toExample) {
    return rows.repartition(partitions, functions.col(key))
        .sortWithinPartitions(key)
        .javaRDD()
        .map(toExample)
        .persist(StorageLevel.MEMORY_AND_DISK());
  }
}
