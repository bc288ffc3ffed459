package ai.use.jobs.eval;

import ai.use.jobs.runtime.HadoopFiles;
import ai.use.jobs.tables.ErrorRecord;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists label maps (.png, .tif, .tiff; hidden names skipped as Spark skips them) under a root on
 * any Hadoop filesystem and pairs ground truth with predictions by relative path without extension.
 */
final class LabelFiles {
  private LabelFiles() {}

  /** The pairs to evaluate and the error rows of files that have no partner. */
  record Matched(List<LabelPair> pairs, List<ErrorRecord> errors, int groundTruthFiles) {}

  /** Lists both roots and pairs them; fails when the ground-truth root holds no label map. */
  static Matched match(String groundTruth, String predictions, Configuration conf) {
    List<ErrorRecord> errors = new ArrayList<>();
    Map<String, String> gt = list(groundTruth, "--ground-truth", conf, errors);
    if (gt.isEmpty()) {
      throw new IllegalArgumentException(
          "--ground-truth " + groundTruth + " holds no label maps (*.png, *.tif, *.tiff)");
    }
    Map<String, String> pred = list(predictions, "--predictions", conf, errors);
    List<LabelPair> pairs = new ArrayList<>();
    for (Map.Entry<String, String> e : gt.entrySet()) {
      String p = pred.get(e.getKey());
      if (p == null) {
        errors.add(
            new ErrorRecord(
                null,
                e.getValue(),
                "match",
                e.getKey(),
                "PredictionMissing",
                "no prediction for this ground-truth map under "
                    + predictions
                    + " (expected "
                    + e.getKey()
                    + ".png or .tif); the image is left out of the metrics"));
      } else {
        pairs.add(new LabelPair(e.getKey(), e.getValue(), p));
      }
    }
    for (Map.Entry<String, String> e : pred.entrySet()) {
      if (!gt.containsKey(e.getKey())) {
        errors.add(
            new ErrorRecord(
                null,
                e.getValue(),
                "match",
                e.getKey(),
                "GroundTruthMissing",
                "a prediction with no ground-truth map under " + groundTruth + "; not evaluated"));
      }
    }
    return new Matched(pairs, errors, gt.size());
  }

  private static Map<String, String> list(
      String root, String option, Configuration conf, List<ErrorRecord> errors) {
    Path rootPath = new Path(root);
    Map<String, String> byKey = new TreeMap<>();
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      Path qualified = fs.makeQualified(rootPath);
      if (!fs.exists(qualified)) {
        throw new IllegalArgumentException(
            option + " " + root + " does not exist" + HadoopFiles.where(rootPath, conf));
      }
      String prefix = qualified.toString().endsWith("/") ? qualified.toString() : qualified + "/";
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualified, true);
      while (files.hasNext()) {
        String uri = files.next().getPath().toString();
        String relative = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
        String key = keyOf(relative);
        if (key == null || hidden(relative)) {
          continue;
        }
        String previous = byKey.putIfAbsent(key, uri);
        if (previous != null) {
          errors.add(
              new ErrorRecord(
                  null,
                  uri,
                  "match",
                  key,
                  "DuplicateLabelMap",
                  option + " has two label maps for " + key + ": " + previous + " is used"));
        }
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(option + " " + root + " does not exist", e);
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("list " + option, root, e, conf);
    }
    return byKey;
  }

  /** Relative path without extension, or null when the file is not a label map. */
  static String keyOf(String relative) {
    String lower = relative.toLowerCase(Locale.ROOT);
    for (String ext : new String[] {".png", ".tiff", ".tif"}) {
      if (lower.endsWith(ext)) {
        return relative.substring(0, relative.length() - ext.length());
      }
    }
    return null;
  }

  private static boolean hidden(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
