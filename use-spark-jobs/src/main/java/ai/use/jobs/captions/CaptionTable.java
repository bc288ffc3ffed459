package ai.use.jobs.captions;

import ai.use.common.id.StableIds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A Parquet or CSV (with header) table of captions: a {@code caption} column and the image as
 * {@code uri} (a full URI or a path relative to {@code --images}) or {@code image_id} (the job's
 * stable id, a hash of the URI); an optional integer {@code caption_id} (otherwise the id is a
 * stable hash of image key and caption). Collected to the driver: the captions must fit in its
 * memory (COCO's 600 k captions take about 100 MB).
 */
public final class CaptionTable {
  private CaptionTable() {}

  /** Reads the table at {@code uri} ({@code format} PARQUET or CSV). */
  public static CaptionIndex read(SparkSession spark, String uri, CaptionFormat format) {
    Dataset<Row> table =
        format == CaptionFormat.CSV
            ? spark.read().option("header", "true").csv(uri)
            : spark.read().parquet(uri);
    List<String> columns = Arrays.asList(table.columns());
    String key = columns.contains("uri") ? "uri" : columns.contains("image_id") ? "image_id" : null;
    if (key == null || !columns.contains("caption")) {
      throw new IllegalArgumentException(
          "--captions "
              + uri
              + " has columns "
              + columns
              + "; a caption table needs 'caption' and 'uri' or 'image_id'"
              + " (optional 'caption_id')");
    }
    boolean hasId = columns.contains("caption_id");
    List<Row> rows =
        (hasId ? table.select(key, "caption", "caption_id") : table.select(key, "caption"))
            .collectAsList();
    Map<String, List<Caption>> byImage = new LinkedHashMap<>();
    for (Row row : rows) {
      String image = row.isNullAt(0) ? null : row.get(0).toString();
      String caption = row.isNullAt(1) ? null : row.getString(1);
      if (image == null || caption == null) {
        throw new IllegalArgumentException(
            "--captions " + uri + ": a row has a null " + (image == null ? key : "caption"));
      }
      long id = hasId && !row.isNullAt(2) ? captionId(row.get(2), uri) : hashId(image, caption);
      byImage.computeIfAbsent(image, k -> new ArrayList<>()).add(new Caption(id, caption, null));
    }
    return new CaptionIndex(byImage, uri);
  }

  private static long captionId(Object value, String uri) {
    try {
      return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--captions " + uri + ": caption_id '" + value + "' is not an integer");
    }
  }

  /** A stable, non-negative id for a caption without one. */
  static long hashId(String image, String caption) {
    return Long.parseLong(StableIds.of(image, caption).substring(1), 16);
  }
}
