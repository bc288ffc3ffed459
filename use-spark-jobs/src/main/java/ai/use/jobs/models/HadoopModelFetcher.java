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
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Copies model files from any Hadoop URI ({@code s3a://}, {@code hdfs://}, …) to local disk once
 * per JVM, and again when the remote file's length or modification time has changed (one status
 * call per lookup, so a long-lived driver hashes the file as it is now, not as it was first copied;
 * models already loaded stay in ModelCache); plain paths and {@code file:} URIs are used in place.
 * Files of one folder land in one local folder, so a model's sidecar and tokenizer stay beside it.
 * Copies go through a temporary file and an atomic rename, so a task never sees half a model.
 */
public final class HadoopModelFetcher implements ModelFetcher, Serializable {
  private static final long serialVersionUID = 1L;
  private static final ConcurrentHashMap<String, Copy> COPIES = new ConcurrentHashMap<>();

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
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
    Path local =
        Path.of(cacheDir, "use-models", StableIds.of(remote.getParent().toString()))
            .resolve(remote.getName());
    try {
      FileSystem fs = remote.getFileSystem(conf.get());
      FileStatus status;
      try {
        status = fs.getFileStatus(remote);
      } catch (java.io.FileNotFoundException e) {
        return local; // the loader reports the missing file with its role
      }
      return COPIES
          .compute(
              uri,
              (key, old) ->
                  old != null
                          && old.length() == status.getLen()
                          && old.modificationTime() == status.getModificationTime()
                      ? old
                      : copy(fs, remote, status, local))
          .local();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy model file " + uri + " to " + local + ": " + e.getMessage(), e);
    }
  }

  /** A local copy and the remote file's length and modification time it was copied at. */
  private record Copy(Path local, long length, long modificationTime) {}

  private static Copy copy(
      FileSystem fs, org.apache.hadoop.fs.Path remote, FileStatus status, Path local) {
    try {
      Files.createDirectories(local.getParent());
      Path tmp = Files.createTempFile(local.getParent(), remote.getName(), ".part");
      try {
        fs.copyToLocalFile(false, remote, new org.apache.hadoop.fs.Path(tmp.toUri()), true);
        Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
      return new Copy(local, status.getLen(), status.getModificationTime());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy model file " + remote + " to " + local + ": " + e.getMessage(), e);
    }
  }
}
