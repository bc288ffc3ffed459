package ai.use.jobs.train;

import ai.use.jobs.runtime.HadoopFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Checkpoints of a training run under one root ({@code file://}, {@code s3a://}, any Hadoop URI):
 *
 * <pre>
 * ROOT/round-000005/weights.f32        W as big-endian float32 [n]
 * ROOT/round-000005/outer.f64          outer momentum as big-endian float64 [n]
 * ROOT/round-000005/inner-00000.bin    S_p of partition p, as the round step serialized it
 * ROOT/round-000005/state.json         round, partitions, n, the trajectory config, all metrics
 * ROOT/round-000005/_COMMITTED         written last: a checkpoint without it is ignored
 * </pre>
 *
 * Every number round-trips exactly, so a resumed run continues bit for bit. The marker written last
 * makes a crash mid-write harmless on stores without rename (S3).
 */
public final class CheckpointStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MARKER = "_COMMITTED";

  private final String root;
  private final Configuration conf;

  public CheckpointStore(String root, Configuration conf) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conf = conf;
  }

  public String root() {
    return root;
  }

  /** A checkpoint as read back: the state and the trajectory settings it was trained with. */
  public record Checkpoint(TrainState state, Map<String, String> trajectory, String path) {}

  /** Writes {@code state} as {@code ROOT/round-NNNNNN}; returns its path. */
  public String write(TrainState state, TrainConfig config) {
    String dir = dir(state.round());
    try {
      Path path = new Path(dir);
      FileSystem fs = path.getFileSystem(conf);
      try (DataOutputStream out = new DataOutputStream(create(fs, dir + "/weights.f32"))) {
        for (float v : state.weights()) {
          out.writeFloat(v);
        }
      }
      try (DataOutputStream out = new DataOutputStream(create(fs, dir + "/outer.f64"))) {
        for (double v : state.outerMomentum()) {
          out.writeDouble(v);
        }
      }
      for (int p = 0; p < state.partitions(); p++) {
        try (OutputStream out = create(fs, dir + "/" + innerName(p))) {
          out.write(state.innerStates()[p]);
        }
      }
      try (OutputStream out = create(fs, dir + "/state.json")) {
        out.write(stateJson(state, config).getBytes(StandardCharsets.UTF_8));
      }
      try (OutputStream out = create(fs, dir + "/" + MARKER)) {
        out.write(new byte[0]);
      }
      return dir;
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("write checkpoint", dir, e, conf);
    }
  }

  /** The committed checkpoint with the highest round, if any. */
  public Optional<Checkpoint> latest() {
    Path path = new Path(root);
    try {
      FileSystem fs = path.getFileSystem(conf);
      FileStatus[] entries;
      try {
        entries = fs.listStatus(path);
      } catch (FileNotFoundException e) {
        return Optional.empty();
      }
      int best = -1;
      for (FileStatus s : entries) {
        String name = s.getPath().getName();
        if (s.isDirectory()
            && name.matches("round-\\d{6,}")
            && fs.exists(new Path(s.getPath(), MARKER))) {
          best = Math.max(best, Integer.parseInt(name.substring("round-".length())));
        }
      }
      return best < 0 ? Optional.empty() : Optional.of(read(best));
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("list checkpoints under", root, e, conf);
    }
  }

  /** Reads the checkpoint of {@code round}. */
  public Checkpoint read(int round) {
    String dir = dir(round);
    try {
      FileSystem fs = new Path(dir).getFileSystem(conf);
      JsonNode json;
      try (InputStream in = fs.open(new Path(dir + "/state.json"))) {
        json = JSON.readTree(in);
      }
      int n = json.get("weights").asInt();
      int partitions = json.get("partitions").asInt();
      float[] weights = new float[n];
      try (DataInputStream in = new DataInputStream(fs.open(new Path(dir + "/weights.f32")))) {
        for (int i = 0; i < n; i++) {
          weights[i] = in.readFloat();
        }
      }
      double[] momentum = new double[n];
      try (DataInputStream in = new DataInputStream(fs.open(new Path(dir + "/outer.f64")))) {
        for (int i = 0; i < n; i++) {
          momentum[i] = in.readDouble();
        }
      }
      byte[][] inner = new byte[partitions][];
      for (int p = 0; p < partitions; p++) {
        try (InputStream in = fs.open(new Path(dir + "/" + innerName(p)))) {
          inner[p] = in.readAllBytes();
        }
      }
      List<RoundMetrics> metrics = new ArrayList<>();
      for (JsonNode m : json.get("metrics")) {
        metrics.add(
            new RoundMetrics(
                m.get("round").asInt(),
                number(m.get("loss")),
                number(m.get("heldout_top1")),
                m.get("examples").asLong(),
                m.get("round_ms").asDouble(),
                m.get("task_ms").asDouble(),
                m.get("outer_ms").asDouble()));
      }
      Map<String, String> trajectory = new LinkedHashMap<>();
      json.get("trajectory")
          .fields()
          .forEachRemaining(e -> trajectory.put(e.getKey(), e.getValue().asText()));
      return new Checkpoint(
          new TrainState(json.get("round").asInt(), weights, momentum, inner, metrics),
          trajectory,
          dir);
    } catch (IOException e) {
      throw HadoopFiles.accessFailure("read checkpoint", dir, e, conf);
    }
  }

  private String dir(int round) {
    return root + "/" + String.format("round-%06d", round);
  }

  private static String innerName(int p) {
    return String.format("inner-%05d.bin", p);
  }

  private static OutputStream create(FileSystem fs, String file) throws IOException {
    return fs.create(new Path(file), true);
  }

  private static String stateJson(TrainState state, TrainConfig config) {
    ObjectNode json = JSON.createObjectNode();
    json.put("round", state.round());
    json.put("partitions", state.partitions());
    json.put("weights", state.weights().length);
    ObjectNode trajectory = json.putObject("trajectory");
    config.trajectory().forEach(trajectory::put);
    json.put("rounds", config.rounds());
    ArrayNode metrics = json.putArray("metrics");
    for (RoundMetrics m : state.metrics()) {
      ObjectNode row = metrics.addObject();
      row.put("round", m.round());
      putNumber(row, "loss", m.loss());
      putNumber(row, "heldout_top1", m.heldoutTop1());
      row.put("examples", m.examples());
      row.put("round_ms", m.roundMillis());
      row.put("task_ms", m.taskMillis());
      row.put("outer_ms", m.outerMillis());
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void putNumber(ObjectNode row, String key, double v) {
    if (Double.isNaN(v)) {
      row.putNull(key);
    } else {
      row.put(key, v);
    }
  }

  private static double number(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }
}
