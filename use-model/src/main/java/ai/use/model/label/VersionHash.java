package ai.use.model.label;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Content hashes that version a labeling run. {@code model_version} = hash of (embedder id — the
 * head's content hash or {@code clip-dense} —, the content of every model file used — TorchScript
 * and sidecar —, the mask-generation config); {@code vocab_id} = hash of (vocabulary, templates,
 * clip-text model content, logit scale). Changing any part changes the id; the order in which parts
 * are added does not.
 */
public final class VersionHash {
  private final Map<String, String> parts = new TreeMap<>();

  /** Adds a named part (e.g. {@code "sam-encoder.pt"} → its content hash). */
  public VersionHash put(String name, String value) {
    if (parts.putIfAbsent(name, value) != null) {
      throw new IllegalArgumentException("version part " + name + " was added twice");
    }
    return this;
  }

  /** The parts, sorted by name (recorded in the run summary). */
  public Map<String, String> parts() {
    return java.util.Collections.unmodifiableMap(parts);
  }

  /** 16 hex digits of SHA-256 over the sorted, length-prefixed parts. */
  public String id() {
    Hasher h = Hashing.sha256().newHasher();
    parts.forEach(
        (k, v) -> {
          byte[] kb = k.getBytes(StandardCharsets.UTF_8);
          byte[] vb = v.getBytes(StandardCharsets.UTF_8);
          h.putInt(kb.length).putBytes(kb).putInt(vb.length).putBytes(vb);
        });
    return h.hash().toString().substring(0, 16);
  }

  /** SHA-256 (hex) of a file's bytes, streamed. */
  public static String ofFile(Path file) {
    Hasher h = Hashing.sha256().newHasher();
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        h.putBytes(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash model file " + file + ": " + e.getMessage(), e);
    }
    return h.hash().toString();
  }

  /**
   * A canonical text of every mask-generation option (the record's own {@code toString} prints
   * arrays by identity, so it cannot be hashed).
   */
  public static String ofAmg(ai.use.model.sam.amg.AmgOptions o) {
    StringBuilder s = new StringBuilder();
    s.append("points_per_side=").append(o.pointsPerSide());
    for (double[][] grid : o.pointGrids()) {
      s.append(";grid=").append(java.util.Arrays.deepToString(grid));
    }
    s.append(";points_per_batch=")
        .append(o.pointsPerBatch())
        .append(";pred_iou_thresh=")
        .append(o.predIouThresh())
        .append(";stability_score_thresh=")
        .append(o.stabilityScoreThresh())
        .append(";stability_score_offset=")
        .append(o.stabilityScoreOffset())
        .append(";mask_threshold=")
        .append(o.maskThreshold())
        .append(";box_nms_thresh=")
        .append(o.boxNmsThresh())
        .append(";crop_n_layers=")
        .append(o.cropNLayers())
        .append(";crop_nms_thresh=")
        .append(o.cropNmsThresh())
        .append(";crop_overlap_ratio=")
        .append(o.cropOverlapRatio())
        .append(";crop_n_points_downscale_factor=")
        .append(o.cropNPointsDownscaleFactor())
        .append(";min_mask_region_area=")
        .append(o.minMaskRegionArea())
        .append(";multimask_output=")
        .append(o.multimaskOutput());
    return s.toString();
  }

  /** SHA-256 (hex) of a text. */
  public static String ofText(String text) {
    return Hashing.sha256().hashString(text, StandardCharsets.UTF_8).toString();
  }
}
