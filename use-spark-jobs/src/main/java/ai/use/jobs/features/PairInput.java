package ai.use.jobs.features;

import ai.use.common.mask.Rle;
import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The columns of one {@code pairs} row the features job needs.
 *
 * @param pairId key
 * @param imageId stable image id
 * @param imageUri the image file
 * @param granularity object or part
 * @param text main text
 * @param altTexts other texts
 * @param mask the segment on the original image
 */
record PairInput(
    String pairId,
    String imageId,
    String imageUri,
    String granularity,
    String text,
    List<String> altTexts,
    Rle mask)
    implements Serializable {

  /** Columns read from the pairs table, in this order. */
  static final String[] COLUMNS = {
    "pair_id", "image_id", "image_uri", "granularity", "text", "alt_texts", "mask"
  };

  static PairInput of(Row r) {
    Row mask = r.getStruct(6);
    List<Integer> size = mask.getList(mask.fieldIndex("size"));
    List<String> alt = r.isNullAt(5) ? List.of() : List.copyOf(r.<String>getList(5));
    return new PairInput(
        r.getString(0),
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getString(4),
        alt,
        new Rle(size.get(0), size.get(1), mask.getString(mask.fieldIndex("counts"))));
  }
}
