package ai.use.jobs.pairs;

import ai.use.jobs.captions.CaptionFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inputs and outputs of one pairs run (the job's command-line options).
 *
 * @param source where segments and texts come from: {@code ground-truth} (annotated masks and their
 *     texts) or {@code annotations} (the model pipeline on captions that come with the data)
 * @param images images root (recursive), any Hadoop URI
 * @param instances ground-truth: COCO-style instances JSON whose file_name values are relative to
 *     {@code images}; unused (null) for annotations
 * @param captions ground-truth: optional COCO-style captions JSON with phrase spans (alt texts);
 *     annotations: the captions (COCO captions JSON, Visual Genome region descriptions JSON, or a
 *     Parquet / CSV table), required
 * @param captionsFormat {@link CaptionFormat} id of {@code captions} for annotations ({@code auto}
 *     decides from the file)
 * @param out output root: {@code out/pairs}, {@code out/errors/job=pairs}, {@code
 *     out/pairs.run-summary.json} (and {@code out/pair_spans} for annotations)
 */
public record PairsOptions(
    String source,
    String images,
    String instances,
    String captions,
    String captionsFormat,
    String out) {

  /** The model pipeline's source value (also the {@code source} column of its pairs). */
  public static final String ANNOTATIONS = "annotations";

  /** The source value of captions from a vision-language model. */
  public static final String VLM = "vlm";

  /** The supported {@code --source} values. */
  public static final List<String> SOURCES = List.of(GroundTruthAnnotator.SOURCE, ANNOTATIONS, VLM);

  /** Validates the combination of options (before any Spark work). */
  public PairsOptions {
    if (!SOURCES.contains(source)) {
      throw new IllegalArgumentException(
          "--source " + source + " is not supported; supported: " + String.join(", ", SOURCES));
    }
    List<String> missing = new ArrayList<>();
    if (images == null) {
      missing.add("--images");
    }
    if (source.equals(GroundTruthAnnotator.SOURCE) && instances == null) {
      missing.add("--instances");
    }
    if (source.equals(ANNOTATIONS) && captions == null) {
      missing.add(
          "--captions (COCO captions JSON, Visual Genome region descriptions JSON, or a"
              + " Parquet / CSV table)");
    }
    if (out == null) {
      missing.add("--out");
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          "Missing required options for --source " + source + ": " + String.join(", ", missing));
    }
    CaptionFormat.of(captionsFormat == null ? "auto" : captionsFormat);
  }

  /** A ground-truth run (the shape of this record before the model pipeline). */
  public PairsOptions(String images, String instances, String captions, String out) {
    this(GroundTruthAnnotator.SOURCE, images, instances, captions, "auto", out);
  }

  /** A model-pipeline run on captions that come with the data. */
  public static PairsOptions annotations(
      String images, String captions, String captionsFormat, String out) {
    return new PairsOptions(ANNOTATIONS, images, null, captions, captionsFormat, out);
  }

  /**
   * A model-pipeline run on captions asked from a vision-language model ({@code spark.use.vlm.*}).
   */
  public static PairsOptions vlm(String images, String out) {
    return new PairsOptions(VLM, images, null, null, "auto", out);
  }

  /** Whether this is the model pipeline. */
  public boolean usesModels() {
    return !source.equals(GroundTruthAnnotator.SOURCE);
  }

  /** The options as recorded in the run summary. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("images", images);
    if (instances != null) {
      m.put("instances", instances);
    }
    if (captions != null) {
      m.put("captions", captions);
    }
    if (source.equals(ANNOTATIONS)) {
      m.put("captions_format", captionsFormat == null ? "auto" : captionsFormat);
    }
    m.put("out", out);
    return m;
  }
}
