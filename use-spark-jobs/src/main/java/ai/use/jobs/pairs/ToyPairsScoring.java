package ai.use.jobs.pairs;

import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.jobs.tables.TableWriter;
import ai.use.model.pairs.PairScores;
import ai.use.model.pairs.ScoredPair;
import ai.use.model.pairs.TextSpan;
import ai.use.model.pairs.ToyPairScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Scores a {@code pairs --source annotations} run on a toy world split against the generator's
 * truth ({@link ToyPairScorer}): reads {@code OUT/pairs} and the main spans of {@code
 * OUT/pair_spans}. For the demo's summary: {@code object_precision} = {@link
 * PairScores#objectPrecision()}, {@code object_recall}, {@code part_precision}, {@code part_recall}
 * likewise.
 */
public final class ToyPairsScoring {
  private ToyPairsScoring() {}

  /**
   * Scores the pairs written into {@code out} from the images and captions of {@code split} of the
   * toy world at {@code world}.
   */
  public static PairScores score(SparkSession spark, String out, Path world, String split)
      throws IOException {
    Dataset<Row> pairs = spark.read().parquet(TableWriter.tablePath(out, Tables.PAIRS));
    Dataset<Row> spans =
        spark
            .read()
            .parquet(TableWriter.tablePath(out, PairSpans.SCHEMA))
            .filter("primary")
            .select("pair_id", "caption_id", "span_start", "span_end", "text");
    List<Row> rows =
        pairs
            .select("pair_id", "image_uri", "granularity", "mask")
            .join(spans, "pair_id")
            .select(
                "image_uri", "granularity", "mask", "caption_id", "span_start", "span_end", "text")
            .collectAsList();
    List<ScoredPair> scored = new ArrayList<>(rows.size());
    for (Row r : rows) {
      String uri = r.getString(0);
      Row mask = r.getStruct(2);
      List<Integer> size = mask.getList(0);
      scored.add(
          new ScoredPair(
              uri.substring(uri.lastIndexOf('/') + 1),
              "part".equals(r.getString(1)),
              new Rle(size.get(0), size.get(1), mask.getString(1)),
              new TextSpan(r.getLong(3), r.getInt(4), r.getInt(5), r.getString(6))));
    }
    return ToyPairScorer.of(world, split).score(scored);
  }
}
