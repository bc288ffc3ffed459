package ai.use.model.sam.amg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.use.common.geometry.BoxXywh;
import ai.use.common.image.DecodedImage;
import ai.use.common.image.ExifPolicy;
import ai.use.common.image.ImageDecoder;
import ai.use.common.image.ImageLimits;
import ai.use.model.runtime.LoadedModel;
import ai.use.model.runtime.LocalModelFetcher;
import ai.use.model.runtime.ModelCache;
import ai.use.model.sam.SamDecoder;
import ai.use.model.sam.SamEmbedding;
import ai.use.model.sam.SamEncoder;
import ai.use.model.sam.SamOutput;
import ai.use.model.sam.SamPrompt;
import ai.use.model.spec.ModelRole;
import ai.use.model.zoo.ToyZoo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with SAM's reference {@code SamAutomaticMaskGenerator}: the golden records in {@code
 * amg-golden/golden.json} were produced by the unmodified reference code (commit recorded in the
 * file) on the same toy SAM files, by {@code tools/amg-golden/make_golden.py}. Per image and option
 * set: same mask count, identical RLE for ≥ 99 % of the masks and IoU ≥ 0.99 for the rest, boxes
 * and crop boxes exact, scores within 1e-4.
 */
class AmgGoldenTest {
  private static final String ROOT = "/amg-golden/";
  private static JsonNode golden;
  private static SamEncoder encoder;
  private static SamDecoder decoder;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = AmgGoldenTest.class.getResourceAsStream(ROOT + "golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    encoder = new SamEncoder(model(ModelRole.SAM_ENCODER));
    decoder = new SamDecoder(model(ModelRole.SAM_DECODER));
  }

  @AfterAll
  static void close() {
    encoder.close();
    decoder.close();
  }

  private static LoadedModel model(ModelRole role) {
    return ModelCache.get(ToyZoo.spec(role), Device.cpu(), LocalModelFetcher.INSTANCE);
  }

  static Stream<String> cases() throws Exception {
    try (InputStream in = AmgGoldenTest.class.getResourceAsStream(ROOT + "golden.json")) {
      List<String> names = new ArrayList<>();
      for (JsonNode c : new ObjectMapper().readTree(in).get("cases")) {
        names.add(c.get("image").asText() + " " + c.get("options").asText());
      }
      return names.stream();
    }
  }

  /**
   * The golden set pins the decoder outputs by the model files' hashes (the outputs themselves are
   * too large to commit): the toy SAM files the adapters load are the ones the reference ran.
   */
  @Test
  void theReferenceRanOnTheseModelFiles() throws Exception {
    for (String file : List.of("sam-encoder.pt", "sam-decoder.pt")) {
      byte[] bytes;
      try (InputStream in =
          ai.use.model.zoo.ToyZoo.class.getResourceAsStream("/ai/use/model/toy-zoo/" + file)) {
        assertThat(in).as(file).isNotNull();
        bytes = in.readAllBytes();
      }
      assertThat(com.google.common.hash.Hashing.sha256().hashBytes(bytes).toString())
          .as(file)
          .isEqualTo(golden.get("models").get(file).asText());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheReference(String name) throws Exception {
    JsonNode c = findCase(name);
    DecodedImage image = image(c.get("image").asText());
    AmgOptions options = options(golden.get("option_sets").get(c.get("options").asText()));
    try (NDManager manager = NDManager.newBaseManager()) {
      checkDecoderFingerprint(image, options, c.get("decoder_calls").get(0), manager);
      SamCropEncoder crops =
          new SamCropEncoder(image.image(), encoder, decoder, manager, options, new AmgTimings());
      List<MaskRecord> java =
          MaskGeneration.generate(image.height(), image.width(), options, crops);
      JsonNode expected = c.get("records");
      assertThat(java).as("mask count").hasSize(expected.size());
      int identical = 0;
      for (int i = 0; i < java.size(); i++) {
        MaskRecord r = java.get(i);
        JsonNode e = expected.get(i);
        long[] counts = ((Segmentation.Uncompressed) r.segmentation()).counts();
        long[] want = longs(e.get("counts"));
        if (Arrays.equals(counts, want)) {
          identical++;
        } else {
          assertThat(iou(counts, want)).as("IoU of mask %s", i).isGreaterThanOrEqualTo(0.99);
        }
        assertThat(r.bbox()).as("bbox of mask %s", i).isEqualTo(xywh(e.get("bbox")));
        assertThat(r.cropBox()).as("crop box of mask %s", i).isEqualTo(xywh(e.get("crop_box")));
        assertThat(r.area()).as("area of mask %s", i).isEqualTo(e.get("area").asLong());
        assertThat(r.predictedIou())
            .as("predicted IoU of mask %s", i)
            .isCloseTo(e.get("predicted_iou").asDouble(), within(1e-4));
        assertThat(r.stabilityScore())
            .as("stability of mask %s", i)
            .isCloseTo(e.get("stability_score").asDouble(), within(1e-4));
        JsonNode p = e.get("point_coords").get(0);
        assertThat(r.pointX()).isCloseTo(p.get(0).asDouble(), within(1e-6));
        assertThat(r.pointY()).isCloseTo(p.get(1).asDouble(), within(1e-6));
      }
      if (!java.isEmpty()) {
        assertThat((double) identical / java.size())
            .as("share of identical RLE")
            .isGreaterThanOrEqualTo(0.99);
      }
    }
  }

  /**
   * The first decoder call (whole image, first batch of layer-0 points) sums to what the reference
   * run saw: a mismatch here is model drift, not post-processing.
   */
  private static void checkDecoderFingerprint(
      DecodedImage image, AmgOptions options, JsonNode call, NDManager manager) {
    double[][] points =
        PointGrids.scale(options.layerPointGrids().get(0), image.width(), image.height());
    int n = Math.min(points.length, options.pointsPerBatch());
    assertThat(n).isEqualTo(call.get("prompts").asInt());
    try (NDManager m = manager.newSubManager()) {
      SamEmbedding embedding = encoder.encode(image.image(), m);
      List<SamPrompt> prompts = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        prompts.add(SamPrompt.point(points[i][0], points[i][1]));
      }
      SamOutput out = decoder.decode(embedding, prompts);
      double logitAbs = 0;
      for (float v : out.logits()) {
        logitAbs += Math.abs(v);
      }
      double iou = 0;
      for (float v : out.iou()) {
        iou += v;
      }
      double want = call.get("logit_abs_sum").asDouble();
      assertThat(logitAbs).as("sum |logits|").isCloseTo(want, within(1e-5 * want + 1e-3));
      assertThat(iou).as("sum IoU").isCloseTo(call.get("iou_sum").asDouble(), within(1e-3));
    }
  }

  private static JsonNode findCase(String name) {
    for (JsonNode c : golden.get("cases")) {
      if (name.equals(c.get("image").asText() + " " + c.get("options").asText())) {
        return c;
      }
    }
    throw new IllegalStateException("no golden case " + name);
  }

  private static DecodedImage image(String file) throws Exception {
    try (InputStream in = AmgGoldenTest.class.getResourceAsStream(ROOT + "images/" + file)) {
      return new ImageDecoder(ImageLimits.defaults())
          .decode(in.readAllBytes(), file, ExifPolicy.IGNORE);
    }
  }

  /** The reference's keyword arguments as options (keys it omits keep SAM's defaults). */
  static AmgOptions options(JsonNode kw) {
    AmgOptions.Builder b =
        AmgOptions.builder().optOutputMode(AmgOptions.OutputMode.UNCOMPRESSED_RLE);
    b.optPointsPerSide(kw.get("points_per_side").asInt());
    b.optPointsPerBatch(kw.get("points_per_batch").asInt());
    b.optPredIouThresh(kw.get("pred_iou_thresh").asDouble());
    b.optStabilityScoreThresh(kw.get("stability_score_thresh").asDouble());
    b.optStabilityScoreOffset(kw.get("stability_score_offset").asDouble());
    b.optBoxNmsThresh(kw.get("box_nms_thresh").asDouble());
    if (kw.has("crop_n_layers")) {
      b.optCropNLayers(kw.get("crop_n_layers").asInt());
      b.optCropNPointsDownscaleFactor(kw.get("crop_n_points_downscale_factor").asInt());
      b.optCropOverlapRatio(kw.get("crop_overlap_ratio").asDouble());
      b.optCropNmsThresh(kw.get("crop_nms_thresh").asDouble());
    }
    if (kw.has("min_mask_region_area")) {
      b.optMinMaskRegionArea(kw.get("min_mask_region_area").asInt());
    }
    return b.build();
  }

  private static long[] longs(JsonNode a) {
    long[] out = new long[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asLong();
    }
    return out;
  }

  private static BoxXywh xywh(JsonNode a) {
    return new BoxXywh(
        a.get(0).asDouble(), a.get(1).asDouble(), a.get(2).asDouble(), a.get(3).asDouble());
  }

  /** IoU of two masks given as column-major runs (0s first) of the same size. */
  static double iou(long[] a, long[] b) {
    boolean[] ma = bits(a);
    boolean[] mb = bits(b);
    long inter = 0;
    long union = 0;
    for (int i = 0; i < Math.max(ma.length, mb.length); i++) {
      boolean x = i < ma.length && ma[i];
      boolean y = i < mb.length && mb[i];
      inter += x && y ? 1 : 0;
      union += x || y ? 1 : 0;
    }
    return union == 0 ? 1 : (double) inter / union;
  }

  private static boolean[] bits(long[] runs) {
    long total = Arrays.stream(runs).sum();
    boolean[] out = new boolean[(int) total];
    int at = 0;
    for (int i = 0; i < runs.length; i++) {
      if (i % 2 == 1) {
        Arrays.fill(out, at, at + (int) runs[i], true);
      }
      at += (int) runs[i];
    }
    return out;
  }
}
