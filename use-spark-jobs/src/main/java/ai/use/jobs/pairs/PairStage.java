package ai.use.jobs.pairs;

import ai.use.common.id.StableIds;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.common.table.Tables;
import ai.use.model.pairs.PairSegment;
import ai.use.model.pairs.PartFilter;
import ai.use.model.pairs.SegmentCandidate;
import ai.use.model.pairs.SegmentMerger;
import ai.use.model.pairs.TextSpan;
import com.google.common.collect.Iterators;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Stage 5: masks → pairs. Mask NMS merges duplicates ({@link SegmentMerger}, {@code
 * spark.use.pairs.maskNmsIou}), parts are kept only inside their parent ({@link PartFilter}, {@code
 * spark.use.pairs.partInsideParent}); each remaining segment becomes one pairs row and one
 * pair_spans row per text.
 *
 * <p>{@code pair_id} = stable hash of (image URI, source, caption id, span, box rank) of the
 * segment's main text, so a rerun on the same inputs and models writes the same ids.
 */
final class PairStage implements FlatMapFunction<Iterator<ImageWork>, ModelOutcome> {
  private static final long serialVersionUID = 1L;

  private final PairsConfig config;
  private final String source;
  private final String runId;

  PairStage(PairsConfig config, String source, String runId) {
    this.config = config;
    this.source = source;
    this.runId = runId;
  }

  @Override
  public Iterator<ModelOutcome> call(Iterator<ImageWork> works) {
    SegmentMerger merger = new SegmentMerger(config.maskNmsIou());
    PartFilter parts = new PartFilter(config.partInsideParent());
    return Iterators.transform(works, w -> outcome(merger, parts, w));
  }

  private ModelOutcome outcome(SegmentMerger merger, PartFilter parts, ImageWork w) {
    List<Row> pairs = new ArrayList<>();
    List<Row> spans = new ArrayList<>();
    if (!w.candidates.isEmpty()) {
      List<PairSegment> merged = merger.merge(w.candidates);
      w.count(PairsCount.SEGMENTS, merged.size());
      w.count(PairsCount.MASKS_MERGED, w.candidates.size() - merged.size());
      PartFilter.Result kept = parts.apply(merged);
      w.count(PairsCount.PARTS_OUTSIDE_PARENT, kept.partsOutsideParent());
      w.count(PairsCount.PARTS_WITHOUT_PARENT, kept.partsWithoutParent());
      for (PairSegment s : kept.kept()) {
        String pairId = pairId(w.uri, s.primary());
        pairs.add(pairRow(w, pairId, s));
        boolean primary = true;
        for (TextSpan span : s.spans()) {
          spans.add(
              RowFactory.create(
                  PairSpans.SCHEMA.version(),
                  pairId,
                  w.imageId,
                  span.captionId(),
                  span.start(),
                  span.end(),
                  span.text(),
                  primary,
                  runId));
          primary = false;
        }
      }
      w.count(PairsCount.PAIRS, pairs.size());
    }
    return new ModelOutcome(w.uri, pairs, spans, List.copyOf(w.errors), w.counts);
  }

  /** The id of a caption made by the job itself (VLM): a stable hash of image URI and caption. */
  static long captionId(String uri, String caption) {
    return Long.parseLong(StableIds.of(uri, caption).substring(1), 16);
  }

  String pairId(String uri, SegmentCandidate c) {
    TextSpan s = c.span();
    return StableIds.of(
        uri, source, "caption:" + s.captionId(), s.start() + "-" + s.end(), "box:" + c.boxRank());
  }

  private Row pairRow(ImageWork w, String pairId, PairSegment s) {
    SegmentCandidate c = s.primary();
    Rle rle = c.mask();
    long[] bbox = CocoRle.bboxXywh(rle);
    return RowFactory.create(
        Tables.PAIRS.version(),
        pairId,
        w.imageId,
        w.uri,
        c.part() ? "part" : "object",
        c.text(),
        s.altTexts().toArray(new String[0]),
        new double[] {bbox[0], bbox[1], bbox[2], bbox[3]},
        RowFactory.create(new int[] {rle.height(), rle.width()}, rle.counts()),
        CocoRle.area(rle),
        c.groundingScore(),
        c.maskScore(),
        c.stability(),
        source,
        c.span().captionId(),
        null,
        runId);
  }
}
