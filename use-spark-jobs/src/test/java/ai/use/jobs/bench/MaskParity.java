package ai.use.jobs.bench;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether two runtimes cut the same segments: per image the same mask count and, matching each of
 * our masks greedily to the baseline's mask of highest IoU, every matched IoU ≥ {@link #MIN_IOU}.
 *
 * @param images images compared
 * @param imagesWithSameCount images whose mask counts agree
 * @param masks our masks
 * @param baselineMasks the baseline's masks
 * @param minIou the lowest matched IoU (1 when nothing was compared)
 * @param belowThreshold matched masks under {@link #MIN_IOU}
 */
record MaskParity(
    int images,
    int imagesWithSameCount,
    int masks,
    int baselineMasks,
    double minIou,
    int belowThreshold) {

  static final double MIN_IOU = 0.99;

  boolean holds() {
    return images > 0 && imagesWithSameCount == images && belowThreshold == 0;
  }

  /**
   * Compares the label job's {@code segments} rows with the baseline's {@code masks.json} ({file
   * name → [{segmentation: {size, counts}}, …]}), keyed by the image file name.
   */
  static MaskParity compare(Dataset<Row> segments, JsonNode baselineMasks) {
    Map<String, List<Rle>> ours = new HashMap<>();
    for (Row row : segments.select("image_uri", "mask").collectAsList()) {
      String uri = row.getString(0);
      Row mask = row.getStruct(1);
      List<Integer> size = mask.getList(mask.fieldIndex("size"));
      ours.computeIfAbsent(fileName(uri), k -> new ArrayList<>())
          .add(new Rle(size.get(0), size.get(1), mask.getString(mask.fieldIndex("counts"))));
    }
    int images = 0;
    int sameCount = 0;
    int masks = 0;
    int theirsCount = 0;
    int below = 0;
    double minIou = 1;
    for (var it = baselineMasks.fields(); it.hasNext(); ) {
      var entry = it.next();
      images++;
      List<Rle> theirs = new ArrayList<>();
      for (JsonNode m : entry.getValue()) {
        JsonNode seg = m.get("segmentation");
        theirs.add(
            new Rle(
                seg.get("size").get(0).asInt(),
                seg.get("size").get(1).asInt(),
                seg.get("counts").asText()));
      }
      List<Rle> mine = ours.getOrDefault(fileName(entry.getKey()), List.of());
      masks += mine.size();
      theirsCount += theirs.size();
      if (mine.size() == theirs.size()) {
        sameCount++;
      }
      List<Rle> unmatched = new ArrayList<>(theirs);
      for (Rle a : mine) {
        int best = -1;
        double bestIou = -1;
        for (int j = 0; j < unmatched.size(); j++) {
          double iou = CocoRle.iou(a, unmatched.get(j));
          if (iou > bestIou) {
            bestIou = iou;
            best = j;
          }
        }
        if (best < 0) {
          break;
        }
        unmatched.remove(best);
        minIou = Math.min(minIou, bestIou);
        if (bestIou < MIN_IOU) {
          below++;
        }
      }
    }
    return new MaskParity(images, sameCount, masks, theirsCount, minIou, below);
  }

  private static String fileName(String uriOrName) {
    return uriOrName.substring(uriOrName.lastIndexOf('/') + 1);
  }
}
