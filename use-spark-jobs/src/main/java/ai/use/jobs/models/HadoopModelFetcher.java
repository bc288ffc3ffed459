package ai.use.jobs.models;

import ai.use.common.id.StableIds;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelFetcher;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * Copies model files from any Hadoop URI ({@code s3a://}, {@code hdfs://}, …) to local disk once
 * per JVM; plain paths and {@code file:} URIs are used in place. Files of one folder land in one
 * local folder, so a model's sidecar and tokenizer stay beside it. Copies go through a temporary
 * file and an atomic rename, so a task never sees half a model.
 */
public final class HadoopModelFetcher implements ModelFetcher, Serializable {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, Path> COPIES = new ConcurrentHashMap<>();

  private final SerializableConfiguration conf;
  private final String cacheDir;

  /**
   * @param conf the job's Hadoop configuration (s3a credentials, endpoint)
   * @param cacheDir local folder for copies (e.g. the executor's temp dir)
   */
  public HadoopModelFetcher(Configuration conf, String cacheDir) {
    this.conf = new SerializableConfiguration(conf);
    this.cacheDir = cacheDir;
  }

  @Override
  public Path localCopy(String uri) {
    if (ai.use.model.zoo.ToyZoo.isToy(uri)
        || uri.startsWith("file:")
        || !uri.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return LocalModelFetcher.INSTANCE.localCopy(uri);
    }
    return COPIES.computeIfAbsent(uri, this::copy);
  }

  private Path copy(String uri) {
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
    Path folder = Path.of(cacheDir, "use-models", StableIds.of(remote.getParent().toString()));
    Path local = folder.resolve(remote.getName());
    try {
      FileSystem fs = remote.getFileSystem(conf.get());
      if (!fs.exists(remote)) {
        return local; // the loader reports the missing file with its role
      }
      Files.createDirectories(folder);
      Path tmp = Files.createTempFile(folder, remote.getName(), ".part");
      try {
        fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(tmp.toUri()), true);
        Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return local;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy model file " + uri + " to " + local + ": " + e.getMessage(), e);
    }
  }
}
