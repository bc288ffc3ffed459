package ai.use.jobs.train;

import ai.use.model.head.PooledFeatures;
import ai.use.model.train.TextIds;
import ai.use.model.train.TrainingExample;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * The training examples: each {@code features} row with the frozen embeddings of its text and alt
 * texts from the {@code texts} table. A pair none of whose texts has an embedding drops out (the
 * job counts them).
 */
public final class TrainingData {
  private TrainingData() {}

  /**
   * One row per pair: {@code pair_id, clip_blocks, dino_blocks, clip_cls, dino_cls, candidates}
   * with {@code candidates} = its embedded texts as {@code array<struct<t, embedding>>}, sorted by
   * text (a deterministic order).
   */
  public static Dataset<Row> joined(Dataset<Row> features, Dataset<Row> texts) {
    Dataset<Row> f =
        features.select(
            "pair_id", "text", "alt_texts", "clip_blocks", "dino_blocks", "clip_cls", "dino_cls");
    Dataset<Row> candidates =
        f.select(
                functions.col("pair_id"),
                functions
                    .explode(
                        functions.array_union(
                            functions.array(functions.col("text")), functions.col("alt_texts")))
                    .as("t"))
            .join(texts.select(functions.col("text").as("t"), functions.col("embedding")), "t")
            .groupBy("pair_id")
            .agg(
                functions
                    .sort_array(
                        functions.collect_list(
                            functions.struct(functions.col("t"), functions.col("embedding"))))
                    .as("candidates"));
    return f.drop("text", "alt_texts").join(candidates, "pair_id");
  }

  /** The example of one {@link #joined} row. */
  public static TrainingExample example(Row r) {
    PooledFeatures features =
        new PooledFeatures(
            floats(r.getList(r.fieldIndex("clip_blocks"))),
            floats(r.getList(r.fieldIndex("dino_blocks"))),
            floats(r.getList(r.fieldIndex("clip_cls"))),
            floats(r.getList(r.fieldIndex("dino_cls"))));
    List<Row> candidates = r.getList(r.fieldIndex("candidates"));
    float[][] texts = new float[candidates.size()][];
    long[] ids = new long[candidates.size()];
    for (int i = 0; i < texts.length; i++) {
      Row c = candidates.get(i);
      ids[i] = TextIds.of(c.getString(0));
      texts[i] = floats(c.getList(1));
    }
    return new TrainingExample(features, texts, ids);
  }

  /** A Parquet float array as {@code float[]}. */
  public static float[] floats(List<Float> list) {
    float[] out = new float[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }
}
