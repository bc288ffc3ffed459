package ai.use.jobs.query;

import ai.djl.Device;
import ai.use.common.id.StableIds;
import ai.use.common.table.Tables;
import ai.use.jobs.tables.SparkSchemas;
import ai.use.model.clip.ClipTextEncoder;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Honest fixture tables in the label job's schemas, built from a toy world's ground truth: one
 * segment per annotated object and part, whose embedding is the toy CLIP text embedding of its own
 * text ("red circle", "blue top of the red circle") plus Gaussian noise, L2-normalized.
 */
final class ToySegments {
  /** One fixture segment. */
  record Segment(
      String imageId,
      String segmentId,
      String imageUri,
      String granularity,
      String shape,
      String colour,
      String text,
      float[] embedding,
      Row row) {}

  private ToySegments() {}

  /** Segments of every annotation of {@code split} with noise {@code sigma} per dimension. */
  static List<Segment> of(Path world, String split, String modelVersion, double sigma, long seed)
      throws Exception {
    JsonNode instances =
        new ObjectMapper()
            .readTree(world.resolve("annotations/instances_" + split + ".json").toFile());
    List<String> files = new ArrayList<>();
    List<JsonNode> annotations = new ArrayList<>();
    instances.get("annotations").forEach(annotations::add);
    for (JsonNode a : annotations) {
      long imageIndex = a.get("image_id").asLong();
      files.add(instances.get("images").get((int) imageIndex - 1).get("file_name").asText());
    }
    List<String> texts = annotations.stream().map(a -> a.get("text").asText()).toList();
    float[][] clean;
    try (ClipTextEncoder encoder =
        new ClipTextEncoder(
            ModelCache.get(
                ToyZoo.spec(ModelRole.CLIP_TEXT), Device.cpu(), LocalModelFetcher.INSTANCE),
            16)) {
      clean = encoder.embed(texts);
    }
    Random random = new Random(seed);
    List<Segment> out = new ArrayList<>();
    for (int i = 0; i < annotations.size(); i++) {
      JsonNode a = annotations.get(i);
      float[] e = unit(clean[i]);
      for (int d = 0; d < e.length; d++) {
        e[d] += (float) (random.nextGaussian() * sigma);
      }
      e = unit(e);
      String uri = world.resolve("images/" + split).resolve(files.get(i)).toUri().toString();
      String imageId = StableIds.imageId(uri);
      String segmentId = a.get("id").asText();
      JsonNode seg = a.get("segmentation");
      JsonNode bbox = a.get("bbox");
      Row row =
          RowFactory.create(
              Tables.SEGMENTS.version(),
              imageId,
              uri,
              segmentId,
              RowFactory.create(
                  new int[] {seg.get("size").get(0).asInt(), seg.get("size").get(1).asInt()},
                  seg.get("counts").asText()),
              new double[] {
                bbox.get(0).asDouble(), bbox.get(1).asDouble(),
                bbox.get(2).asDouble(), bbox.get(3).asDouble()
              },
              a.get("area").asLong(),
              0.9,
              0.95,
              e,
              modelVersion,
              "fixture");
      JsonNode attributes = a.get("attributes");
      out.add(
          new Segment(
              imageId,
              segmentId,
              uri,
              a.get("granularity").asText(),
              attributes.get("shape").asText(),
              attributes.get("colour").asText(),
              texts.get(i),
              e,
              row));
    }
    return out;
  }

  static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }

  /** Writes {@code segments} as the static partition {@code tables/segments/run_date=D}. */
  static void writeSegments(SparkSession spark, Path tables, String runDate, List<Segment> s) {
    spark
        .createDataFrame(s.stream().map(Segment::row).toList(), SparkSchemas.of(Tables.SEGMENTS))
        .repartition(3)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(tables.resolve("segments/run_date=" + runDate).toUri().toString());
  }

  /** Writes one labeled manifest row per distinct image of {@code s} for night {@code runDate}. */
  static void writeManifest(
      SparkSession spark, Path tables, String runDate, String modelVersion, List<Segment> s) {
    List<Row> rows =
        s.stream()
            .map(Segment::imageUri)
            .distinct()
            .map(
                uri ->
                    RowFactory.create(
                        Tables.LABEL_MANIFEST.version(),
                        StableIds.imageId(uri),
                        uri,
                        1000L,
                        new Timestamp(0),
                        modelVersion,
                        "labeled",
                        (int) s.stream().filter(x -> x.imageUri().equals(uri)).count(),
                        "fixture"))
            .toList();
    spark
        .createDataFrame(rows, SparkSchemas.of(Tables.LABEL_MANIFEST))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(tables.resolve("label_manifest/run_date=" + runDate).toUri().toString());
  }

  /** Writes segment_labels whose best label is each object's shape (parts: their part text). */
  static void writeLabels(SparkSession spark, Path tables, String modelVersion, List<Segment> s) {
    List<Row> rows =
        s.stream()
            .map(
                x ->
                    RowFactory.create(
                        Tables.SEGMENT_LABELS.version(),
                        x.imageId(),
                        x.segmentId(),
                        modelVersion,
                        "vocab-shapes",
                        new String[] {x.granularity().equals("object") ? x.shape() : "part"},
                        new double[] {0.9},
                        "fixture"))
            .toList();
    spark
        .createDataFrame(rows, SparkSchemas.of(Tables.SEGMENT_LABELS))
        .coalesce(1)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(tables.resolve("segment_labels").toUri().toString());
  }

  static double cos(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
    }
    return dot;
  }
}
