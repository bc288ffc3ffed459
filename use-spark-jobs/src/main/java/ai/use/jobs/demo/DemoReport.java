package ai.use.jobs.demo;

import ai.use.common.mask.BinaryMask;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.html.HtmlEscapers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * The demo's HTML report: one self-contained page (pictures inlined as PNG data URLs) with the
 * summary figures, labeled held-out images beside their ground truth, and a query's top segments.
 */
final class DemoReport {
  /** One held-out image: the picture, the predicted and the true label map (class ids). */
  record LabeledImage(String name, BufferedImage image, int[][] predicted, int[][] truth) {}

  /** One ranked segment of a query: the image, the segment's mask, its score and label. */
  record QueryHit(String name, BufferedImage image, BinaryMask mask, double score, String label) {}

  private final StringBuilder html = new StringBuilder();

  private DemoReport() {}

  /**
   * Writes the report.
   *
   * @param file the HTML file to write
   * @param summary the demo's summary.json content
   * @param classes class names; class id {@code i} (1-based) is {@code classes.get(i - 1)}
   * @param labeled labeled held-out images (may be empty)
   * @param queryText the query text (null for none)
   * @param hits the query's ranked segments, best first
   */
  static void write(
      Path file,
      JsonNode summary,
      List<String> classes,
      List<LabeledImage> labeled,
      String queryText,
      List<QueryHit> hits) {
    DemoReport r = new DemoReport();
    r.html.append(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>USE on Spark demo</title>"
            + "<style>body{font-family:sans-serif;margin:24px}table{border-collapse:collapse}"
            + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}img{margin:2px}"
            + ".row{display:flex;gap:8px;align-items:flex-start;margin-bottom:12px}"
            + ".sw{display:inline-block;width:12px;height:12px;margin-right:4px}</style>"
            + "</head><body><h1>USE on Spark — demo report</h1>");
    r.summary(summary);
    r.labeled(classes, labeled);
    r.query(queryText, hits);
    r.html.append("</body></html>\n");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, r.html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report " + file, e);
    }
  }

  private void summary(JsonNode summary) {
    html.append("<h2>Summary</h2><table><tr><th>stage</th><th>figure</th><th>value</th></tr>");
    Iterator<Map.Entry<String, JsonNode>> stages = summary.fields();
    while (stages.hasNext()) {
      Map.Entry<String, JsonNode> stage = stages.next();
      if (!stage.getValue().isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> figures = stage.getValue().fields();
      while (figures.hasNext()) {
        Map.Entry<String, JsonNode> f = figures.next();
        if (f.getValue().isValueNode()) {
          html.append("<tr><td>")
              .append(esc(stage.getKey()))
              .append("</td><td>")
              .append(esc(f.getKey()))
              .append("</td><td>")
              .append(esc(f.getValue().asText()))
              .append("</td></tr>");
        }
      }
    }
    html.append("</table>");
  }

  private void labeled(List<String> classes, List<LabeledImage> labeled) {
    if (labeled.isEmpty()) {
      return;
    }
    html.append("<h2>Held-out images: image · predicted labels · ground truth</h2>");
    TreeSet<Integer> seen = new TreeSet<>();
    for (LabeledImage l : labeled) {
      html.append("<div class=\"row\"><div><b>").append(esc(l.name())).append("</b><br>");
      img(l.image());
      img(LabelMapPainter.paint(l.predicted()));
      img(LabelMapPainter.paint(l.truth()));
      html.append("</div></div>");
      collect(l.predicted(), seen);
      collect(l.truth(), seen);
    }
    html.append("<p>");
    for (int id : seen) {
      String name = id == 0 ? "ignore / background" : name(classes, id);
      html.append(
              String.format(
                  "<span class=\"sw\" style=\"background:#%06x\"></span>",
                  LabelMapPainter.colour(id)))
          .append(esc(name))
          .append(" &nbsp; ");
    }
    html.append("</p>");
  }

  private void query(String text, List<QueryHit> hits) {
    if (text == null) {
      return;
    }
    html.append("<h2>Query: “")
        .append(esc(text))
        .append("” — top segments</h2><div class=\"row\">");
    int rank = 1;
    for (QueryHit h : hits) {
      html.append("<div>").append(rank++).append(". ").append(esc(h.name())).append("<br>");
      img(LabelMapPainter.tint(h.image(), h.mask(), 0xFF2020));
      html.append("<br>")
          .append(String.format("score %.3f", h.score()))
          .append(h.label() == null ? "" : " · " + esc(h.label()))
          .append("</div>");
    }
    html.append("</div>");
  }

  private static String name(List<String> classes, int id) {
    return id - 1 < classes.size() ? classes.get(id - 1) : "class " + id;
  }

  private static void collect(int[][] ids, TreeSet<Integer> seen) {
    for (int[] row : ids) {
      for (int id : row) {
        seen.add(id);
      }
    }
  }

  private void img(BufferedImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a report picture", e);
    }
    html.append("<img src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png.toByteArray()))
        .append("\">");
  }

  private static String esc(String s) {
    return HtmlEscapers.htmlEscaper().escape(s);
  }
}
