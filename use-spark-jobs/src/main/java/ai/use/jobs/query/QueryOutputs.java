package ai.use.jobs.query;

import ai.use.common.config.CoreConfig;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.runtime.SparkSessions;
import ai.use.jobs.tables.TableWriter;
import com.google.common.html.HtmlEscapers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a query run's outputs under {@code out/query/}: {@code results} and {@code queries}
 * (Parquet), {@code index.html} and the overlay PNGs beside it in {@code overlays/}. An image that
 * cannot be read or drawn gets a card naming the problem instead of a picture.
 */
final class QueryOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(QueryOutputs.class);

  /** Longest side of an overlay picture in pixels. */
  static final int OVERLAY_SIDE = 320;

  private QueryOutputs() {}

  static void write(
      SparkSession spark,
      QueryOptions options,
      String runId,
      List<Query> queries,
      List<List<Hit>> hits) {
    String root = QueryJob.root(options.out());
    List<Row> results = new ArrayList<>();
    List<Row> queryRows = new ArrayList<>();
    for (Query q : queries) {
      queryRows.add(
          RowFactory.create(
              QueryTables.QUERIES.version(),
              runId,
              q.index(),
              q.text(),
              q.prompt(),
              q.embedding()));
      int rank = 1;
      for (Hit h : hits.get(q.index())) {
        results.add(
            RowFactory.create(
                QueryTables.RESULTS.version(),
                runId,
                q.index(),
                q.text(),
                rank++,
                h.score(),
                h.imageId(),
                h.segmentId(),
                h.imageUri(),
                h.modelVersion(),
                h.runDate(),
                h.box(),
                h.area(),
                RowFactory.create(new int[] {h.maskHeight(), h.maskWidth()}, h.maskCounts())));
      }
    }
    TableWriter.overwrite(spark, results, QueryTables.RESULTS, root + "/results", 1);
    TableWriter.overwrite(spark, queryRows, QueryTables.QUERIES, root + "/queries", 1);
    writePage(spark, options, root, queries, hits);
  }

  private static void writePage(
      SparkSession spark,
      QueryOptions options,
      String root,
      List<Query> queries,
      List<List<Hit>> hits) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    CoreConfig core = CoreConfig.from(SparkSessions.useProperties(spark));
    ImageDecoder decoder =
        new ImageDecoder(new ImageLimits(core.imageMaxPixels(), core.imageMaxBytes()));
    ExifPolicy exif = core.applyExif() ? ExifPolicy.APPLY : ExifPolicy.IGNORE;
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>USE query</title>\n")
        .append("<style>body{font-family:sans-serif;margin:1em}.grid{display:flex;flex-wrap:wrap}")
        .append(".card{margin:4px;font-size:12px;width:")
        .append(OVERLAY_SIDE)
        .append("px}.err{color:#b00}</style></head><body>\n")
        .append("<h1>USE query: ")
        .append(esc(options.selection().segments()))
        .append("</h1>\n<p>ranking ")
        .append(options.images() ? "images by their best segment" : "segments")
        .append(", top ")
        .append(options.top())
        .append(", template <code>")
        .append(esc(options.template()))
        .append("</code></p>\n");
    for (Query q : queries) {
      html.append("<h2>")
          .append(q.index() + 1)
          .append(". ")
          .append(esc(q.text()))
          .append("</h2>\n");
      html.append("<div class=\"grid\">\n");
      int rank = 1;
      for (Hit h : hits.get(q.index())) {
        String name = String.format(Locale.ROOT, "overlays/q%d_r%d.png", q.index(), rank);
        html.append("<div class=\"card\">");
        try {
          byte[] png = Overlay.render(read(h.imageUri(), conf), h, decoder, exif, OVERLAY_SIDE);
          writeBytes(root + "/" + name, png, conf);
          html.append("<img src=\"").append(name).append("\" alt=\"overlay\"><br>");
        } catch (RuntimeException | IOException e) {
          LOG.warn("[query] no overlay for {}: {}", h.imageUri(), e.getMessage());
          html.append("<span class=\"err\">image not shown: ")
              .append(esc(String.valueOf(e.getMessage())))
              .append("</span><br>");
        }
        html.append(String.format(Locale.ROOT, "#%d score %.4f<br>", rank, h.score()))
            .append("image ")
            .append(esc(h.imageId()))
            .append(" segment ")
            .append(esc(h.segmentId()))
            .append("<br><small>")
            .append(esc(h.imageUri()))
            .append("</small></div>\n");
        rank++;
      }
      html.append("</div>\n");
    }
    html.append("</body></html>\n");
    HadoopFiles.writeString(root + "/index.html", html.toString(), conf);
  }

  private static byte[] read(String uri, Configuration conf) throws IOException {
    Path path = new Path(uri);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return in.readAllBytes();
    }
  }

  private static void writeBytes(String uri, byte[] bytes, Configuration conf) throws IOException {
    Path path = new Path(uri);
    try (OutputStream out = path.getFileSystem(conf).create(path, true)) {
      out.write(bytes);
    }
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}
