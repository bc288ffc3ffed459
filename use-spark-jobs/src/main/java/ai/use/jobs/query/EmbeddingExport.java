package ai.use.jobs.query;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.use.jobs.models.SerializableConfiguration;
import ai.use.jobs.runtime.HadoopFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Exports the selected segments' embeddings for vector indexes (FAISS, Milvus, pgvector, …), with
 * their ids. {@code parquet}: the {@link QueryTables#EMBEDDINGS} table. {@code npy}: per partition
 * {@code part-NNNNN.npy} (float32 {@code [n, D]}, little-endian, NumPy format 1.0, {@code
 * np.load}-able) and {@code part-NNNNN.ids.tsv} (row i of the matrix = line i: image_id,
 * segment_id, model_version, run_date). The target folder is replaced.
 */
final class EmbeddingExport {
  private EmbeddingExport() {}

  static void write(Dataset<Row> segments, String target, String format) {
    Dataset<Row> rows =
        segments.select(
            lit(QueryTables.EMBEDDINGS.version()).as("schema_version"),
            col("image_id"),
            col("segment_id"),
            col("model_version"),
            col("run_date"),
            col("image_uri"),
            col("embedding"));
    if (format.equals("parquet")) {
      rows.write().mode(SaveMode.Overwrite).parquet(target);
      return;
    }
    Configuration hadoop = segments.sparkSession().sparkContext().hadoopConfiguration();
    replaceFolder(target, hadoop);
    SerializableConfiguration conf = new SerializableConfiguration(hadoop);
    rows.javaRDD()
        .mapPartitionsWithIndex(
            (index, it) -> {
              writeShard(target, index, it, conf.get());
              return List.<Integer>of().iterator();
            },
            false)
        .count();
    HadoopFiles.writeString(target + "/_SUCCESS", "", hadoop);
  }

  private static void replaceFolder(String target, Configuration conf) {
    Path path = new Path(target);
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (fs.exists(path)) {
        fs.delete(path, true);
      }
      fs.mkdirs(path);
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("replace --export-embeddings", target, e, conf);
    }
  }

  /** Writes one partition's shard: floats to a local temp file first (the header needs n). */
  private static void writeShard(
      String target, int index, java.util.Iterator<Row> rows, Configuration conf)
      throws IOException {
    java.nio.file.Path tmp = Files.createTempFile("use-embeddings", ".f32");
    try {
      long n = 0;
      int d = -1;
      StringBuilder ids = new StringBuilder();
      try (DataOutputStream data =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        ByteBuffer le = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        while (rows.hasNext()) {
          Row row = rows.next();
          List<Float> e = row.getList(6);
          if (d < 0) {
            d = e.size();
          } else if (e.size() != d) {
            throw new IllegalArgumentException(
                "segment "
                    + row.getString(2)
                    + " of image "
                    + row.getString(1)
                    + " has a "
                    + e.size()
                    + "-wide embedding, others "
                    + d
                    + "; export one model_version at a time (--model-version)");
          }
          for (Float f : e) {
            le.clear();
            le.putFloat(f);
            data.write(le.array());
          }
          ids.append(row.getString(1))
              .append('\t')
              .append(row.getString(2))
              .append('\t')
              .append(row.getString(3))
              .append('\t')
              .append(row.getString(4))
              .append('\n');
          n++;
        }
      }
      if (n == 0) {
        return;
      }
      String base = target + String.format(Locale.ROOT, "/part-%05d", index);
      Path npy = new Path(base + ".npy");
      try (OutputStream out = npy.getFileSystem(conf).create(npy, true)) {
        out.write(npyHeader(n, d));
        Files.copy(tmp, out);
      }
      HadoopFiles.writeString(base + ".ids.tsv", ids.toString(), conf);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** NumPy format 1.0 header of a C-order little-endian float32 {@code [n, d]} array. */
  static byte[] npyHeader(long n, int d) {
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII));
    out.put((byte) 1).put((byte) 0);
    out.putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }
}
