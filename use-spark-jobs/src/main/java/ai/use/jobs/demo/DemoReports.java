package ai.use.jobs.demo;

import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import ai.use.jobs.query.QueryHit;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Gathers the pictures of the demo's HTML report from the label stage's outputs. */
final class DemoReports {
  /** Labeled images shown in the report. */
  static final int SHOWN = 4;

  private DemoReports() {}

  static void write(
      SparkSession spark,
      DemoPaths paths,
      JsonNode summary,
      LabelStage.Outcome label,
      String query,
      List<QueryHit> hits)
      throws IOException {
    List<String> classes =
        Files.readAllLines(paths.toy().resolve("semantic/objects/classes.txt")).stream()
            .filter(l -> !l.isBlank())
            .toList();
    List<DemoReport.LabeledImage> labeled = new ArrayList<>();
    Path maps = label.trained().semanticMaps();
    for (Path image : label.images().subList(0, Math.min(SHOWN, label.images().size()))) {
      Path predicted = maps.resolve(image.getFileName());
      Path truth = paths.labelTruth().resolve(image.getFileName());
      if (!Files.exists(predicted)) {
        continue;
      }
      labeled.add(
          new DemoReport.LabeledImage(
              image.getFileName().toString(),
              ImageIO.read(image.toFile()),
              LabelMapPainter.classIds(ImageIO.read(predicted.toFile())),
              LabelMapPainter.classIds(ImageIO.read(truth.toFile()))));
    }
    DemoReport.write(
        paths.root().resolve("report.html"),
        summary,
        classes,
        labeled,
        query,
        queryHits(spark, paths, hits));
  }

  private static List<DemoReport.QueryHit> queryHits(
      SparkSession spark, DemoPaths paths, List<QueryHit> hits) throws IOException {
    String segments = DemoPaths.uri(paths.label(LabelStage.TRAINED).resolve("segments"));
    List<Row> rows =
        spark
            .read()
            .option("basePath", segments)
            .parquet(segments)
            .select("image_id", "segment_id", "image_uri", "mask")
            .collectAsList();
    List<DemoReport.QueryHit> out = new ArrayList<>();
    for (QueryHit h : hits) {
      for (Row r : rows) {
        if (r.getString(0).equals(h.imageId()) && r.getString(1).equals(h.segmentId())) {
          Row mask = r.getStruct(3);
          List<Integer> size = mask.getList(0);
          Rle rle = new Rle(size.get(0), size.get(1), mask.getString(1));
          Path image = Path.of(URI.create(r.getString(2)));
          out.add(
              new DemoReport.QueryHit(
                  image.getFileName().toString(),
                  ImageIO.read(image.toFile()),
                  CocoRle.decode(rle),
                  h.score(),
                  null));
          break;
        }
      }
    }
    return out;
  }
}
