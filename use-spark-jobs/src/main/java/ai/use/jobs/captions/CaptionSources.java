package ai.use.jobs.captions;

import ai.use.jobs.runtime.HadoopFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.spark.sql.SparkSession;

/** Reads {@code --captions} in any supported {@link CaptionFormat} into a {@link CaptionIndex}. */
public final class CaptionSources {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CaptionSources() {}

  /** Reads the captions at {@code uri}; fails naming the file and what is wrong with it. */
  public static CaptionIndex read(SparkSession spark, String uri, CaptionFormat format) {
    CaptionFormat f = format == CaptionFormat.AUTO ? CaptionFormat.fromName(uri) : format;
    if (f == CaptionFormat.PARQUET || f == CaptionFormat.CSV) {
      return CaptionTable.read(spark, uri, f);
    }
    JsonNode root;
    try (InputStream in =
        HadoopFiles.open(uri, spark.sparkContext().hadoopConfiguration(), "--captions")) {
      root = MAPPER.readTree(in);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(uri + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --captions " + uri + ": " + e.getMessage(), e);
    }
    if (f == null) {
      f = root != null && root.isArray() ? CaptionFormat.VG : CaptionFormat.COCO;
    }
    if (f == CaptionFormat.VG) {
      if (root == null || !root.isArray()) {
        throw new IllegalArgumentException(
            uri + " is not a Visual Genome region descriptions list (a JSON array)");
      }
      return VisualGenomeRegions.parse(root, uri);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(uri + " is not a COCO captions JSON object");
    }
    return CocoCaptions.parse(root, uri);
  }
}
