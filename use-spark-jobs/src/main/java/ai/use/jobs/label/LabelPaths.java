package ai.use.jobs.label;

import ai.use.common.table.Tables;
import java.time.LocalDate;

/**
 * Where the label job's outputs lie under {@code --out}. Every path a run writes is a static path
 * written in overwrite mode (never dynamic partition overwrite, which the S3A committers reject):
 *
 * <pre>
 * segments/run_date=D/                       one night's segments
 * label_manifest/run_date=D/                 one row per image the night processed
 * segment_labels/vocab_id=V/run_date=D/      labels of night D's segments (nightly run)
 * segment_labels/vocab_id=V/                 all current segments (--relabel), by run_date inside
 * errors/job=label/run_date=D/               bad inputs of the night
 * semantic_maps/vocab_id=V/&lt;relative path&gt;.png, classes.txt
 * label.run-summary.json, runs/label-run_date=D.json   (relabel: relabel.run-summary.json)
 * </pre>
 */
public final class LabelPaths {
  private LabelPaths() {}

  /** Partition column of the run-dated tables. */
  public static final String RUN_DATE = "run_date";

  /** Partition column of {@code segment_labels}. */
  public static final String VOCAB_ID = "vocab_id";

  static String root(String out) {
    return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
  }

  public static String segments(String out) {
    return root(out) + "/" + Tables.SEGMENTS.name();
  }

  public static String segments(String out, LocalDate date) {
    return segments(out) + "/" + RUN_DATE + "=" + date;
  }

  public static String manifest(String out) {
    return root(out) + "/" + Tables.LABEL_MANIFEST.name();
  }

  public static String manifest(String out, LocalDate date) {
    return manifest(out) + "/" + RUN_DATE + "=" + date;
  }

  public static String labels(String out) {
    return root(out) + "/" + Tables.SEGMENT_LABELS.name();
  }

  public static String labels(String out, String vocabId) {
    return labels(out) + "/" + VOCAB_ID + "=" + vocabId;
  }

  public static String labels(String out, String vocabId, LocalDate date) {
    return labels(out, vocabId) + "/" + RUN_DATE + "=" + date;
  }

  public static String errors(String out, LocalDate date) {
    return root(out) + "/errors/job=" + LabelJob.NAME + "/" + RUN_DATE + "=" + date;
  }

  public static String semanticMaps(String out, String vocabId) {
    return root(out) + "/semantic_maps/" + VOCAB_ID + "=" + vocabId;
  }

  /** The map of an image: its path under --images with the extension replaced by .png. */
  public static String semanticMap(String out, String vocabId, String relativePath) {
    int dot = relativePath.lastIndexOf('.');
    int slash = relativePath.lastIndexOf('/');
    String base = dot > slash ? relativePath.substring(0, dot) : relativePath;
    return semanticMaps(out, vocabId) + "/" + base + ".png";
  }

  public static String summary(String out) {
    return root(out) + "/" + LabelJob.NAME + ".run-summary.json";
  }

  public static String summary(String out, LocalDate date) {
    return root(out) + "/runs/" + LabelJob.NAME + "-" + RUN_DATE + "=" + date + ".json";
  }

  public static String relabelSummary(String out) {
    return root(out) + "/relabel.run-summary.json";
  }
}
