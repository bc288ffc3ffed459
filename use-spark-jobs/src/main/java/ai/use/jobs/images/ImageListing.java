package ai.use.jobs.images;

import ai.use.jobs.runtime.HadoopFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobPattern;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Lists image files under a root (recursively, with the same file-name glob and hidden-file rule as
 * Spark's binaryFile source), so the jobs can account for files binaryFile drops silently (0-byte
 * files, files over the size limit, files it could not read). Failures name the root and, for
 * {@code s3a://}, the bucket and endpoint ({@link HadoopFiles#accessFailure}).
 */
public final class ImageListing {
  private ImageListing() {}

  /** Lists every file under {@code root} whose name matches {@code glob}, sorted by URI. */
  public static List<ListedImage> list(String root, String glob, Configuration conf) {
    Path rootPath = new Path(root);
    GlobPattern pattern = new GlobPattern(glob);
    List<ListedImage> out = new ArrayList<>();
    try {
      FileSystem fs = rootPath.getFileSystem(conf);
      Path qualifiedRoot = fs.makeQualified(rootPath);
      if (!fs.exists(qualifiedRoot)) {
        throw new IllegalArgumentException(
            "--images "
                + root
                + " does not exist"
                + HadoopFiles.where(rootPath, conf)
                + "; check the path");
      }
      String prefix = qualifiedRoot.toString();
      if (!prefix.endsWith("/")) {
        prefix = prefix + "/";
      }
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualifiedRoot, true);
      while (files.hasNext()) {
        LocatedFileStatus status = files.next();
        Path path = status.getPath();
        String uri = path.toString();
        if (!status.isFile() || hidden(uri.substring(Math.min(prefix.length(), uri.length())))) {
          continue;
        }
        if (!pattern.matches(path.getName())) {
          continue;
        }
        String relative = uri.startsWith(prefix) ? uri.substring(prefix.length()) : path.getName();
        out.add(new ListedImage(uri, relative, status.getLen(), status.getModificationTime()));
      }
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(
          "--images "
              + root
              + " does not exist"
              + HadoopFiles.where(rootPath, conf)
              + "; check the path",
          e);
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("list --images", root, e, conf);
    }
    out.sort((a, b) -> a.uri().compareTo(b.uri()));
    return out;
  }

  /** Spark's file index skips names that start with '_' or '.' in any path segment. */
  private static boolean hidden(String relative) {
    for (String segment : relative.split("/")) {
      if (segment.startsWith("_") || segment.startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
