package ai.use.jobs.demo;

import ai.use.common.toy.ToySplit;
import ai.use.common.toy.ToyWorldSummary;
import ai.use.jobs.pairs.PairsResult;
import ai.use.model.pairs.PairScores;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The demo's {@code summary.json} objects and its printed summary. */
final class DemoSummary {
  private DemoSummary() {}

  static ObjectNode json(
      ToyWorldSummary world, double toySeconds, PairsResult pairs, boolean countsMatch) {
    ObjectNode root = JsonMapper.builder().build().createObjectNode();
    ObjectNode p = root.putObject("pairs");
    p.put("rows", pairs.pairs());
    p.put("errors", pairs.errors());
    p.put("images", pairs.images());
    p.put("seconds", round(pairs.seconds()));
    p.put("status", pairs.summary().status());
    p.put("expected_rows", world.split(ToySplit.TRAIN).annotations());
    p.put("rows_match_annotations", countsMatch);
    ObjectNode toy = root.putObject("toy");
    toy.put("spec_version", world.spec().specVersion());
    toy.put("seed", world.spec().seed());
    toy.put("seconds", round(toySeconds));
    for (ToySplit split : ToySplit.values()) {
      ToyWorldSummary.Split c = world.split(split);
      ObjectNode s = toy.putObject(split.label());
      s.put("images", c.images());
      s.put("objects", c.objects());
      s.put("parts", c.parts());
      s.put("segments", c.annotations());
    }
    return root;
  }

  /** The model pipeline's figures on the held-out split, scored against the toy truth. */
  static void addModelPairs(ObjectNode pairs, PairsResult run, PairScores s) {
    pairs.put("object_precision", round4(s.objectPrecision()));
    pairs.put("object_recall", round4(s.objectRecall()));
    pairs.put("part_precision", round4(s.partPrecision()));
    pairs.put("part_recall", round4(s.partRecall()));
    pairs.put(
        "images_per_second", round4(run.summary().json().path("images_per_second").asDouble()));
    pairs.put("model_pipeline_rows", run.pairs());
    pairs.put("model_pipeline_status", run.summary().status());
  }

  static ObjectNode train(TrainingStage.Outcome t) {
    ObjectNode n = JsonMapper.builder().build().createObjectNode();
    for (Map.Entry<String, Object> e : t.train().demoSummary().entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        n.putNull(e.getKey());
      } else if (v instanceof Number num) {
        n.put(e.getKey(), round4(num.doubleValue()));
      } else {
        n.put(e.getKey(), v.toString());
      }
    }
    n.put("head_version", t.train().headVersion());
    n.put("feature_rows", t.features().features());
    return n;
  }

  static ObjectNode label(LabelStage.Outcome l) {
    ObjectNode n = JsonMapper.builder().build().createObjectNode();
    n.put("miou", round4(l.trained().eval().metrics().miou()));
    n.put("miou_untrained", round4(l.untrained().eval().metrics().miou()));
    n.put("miou_clip_only", round4(l.clipOnly().eval().metrics().miou()));
    n.put("pixel_accuracy", round4(l.trained().eval().metrics().pixelAccuracy()));
    double seconds = l.trained().label().seconds();
    n.put("images_per_second", round4(seconds > 0 ? l.trained().label().processed() / seconds : 0));
    n.put("images", l.trained().label().processed());
    n.put("segments", l.trained().label().segments());
    n.put("model_version", l.trained().label().modelVersion());
    return n;
  }

  static void print(
      DemoPaths paths,
      JsonNode s,
      PairsResult pairs,
      boolean countsMatch,
      ToyWorldSummary.Split train) {
    JsonNode p = s.get("pairs");
    JsonNode m = s.get("models");
    JsonNode a = s.get("amg");
    JsonNode t = s.get("train");
    JsonNode l = s.get("label");
    System.out.println();
    System.out.println("USE on Spark demo — " + paths.root());
    System.out.printf(
        "  toy world   %d train + %d held-out images, %d train segments%n",
        train.images(), s.get("toy").get("heldout").get("images").asInt(), train.annotations());
    System.out.printf(
        "  pairs       ground truth: %d rows, %d errors, %d images in %.1f s  [%s]%n",
        pairs.pairs(), pairs.errors(), pairs.images(), pairs.seconds(), pairs.summary().status());
    System.out.printf(
        "              from captions with the models (held-out): objects precision %.2f recall"
            + " %.2f, parts precision %.2f recall %.2f, %.2f images/s%n",
        p.get("object_precision").asDouble(),
        p.get("object_recall").asDouble(),
        p.get("part_precision").asDouble(),
        p.get("part_recall").asDouble(),
        p.get("images_per_second").asDouble());
    System.out.printf(
        "  models      SAM box pass %.2f, point pass %.2f, grounder pass %.2f (zoo %d bytes)%n",
        m.get("sam_box_iou_pass_rate").asDouble(),
        m.get("sam_point_iou_pass_rate").asDouble(),
        m.get("grounder_pass_rate").asDouble(),
        m.get("zoo_bytes").asLong());
    System.out.printf(
        "  amg         recall %.2f, %.1f masks/image, post-processing share %.2f%n",
        a.get("recall").asDouble(),
        a.get("masks_per_image").asDouble(),
        a.get("postprocess_share").asDouble());
    System.out.printf(
        "  train       held-out top-1 %.3f (untrained %.3f) after %d rounds, %.0f segments/s%n",
        t.get("heldout_top1").asDouble(),
        t.get("untrained_top1").asDouble(),
        t.get("rounds").asInt(),
        t.get("segments_per_second").asDouble());
    System.out.printf(
        "  label+eval  mIoU %.3f (untrained head %.3f, raw CLIP %.3f) on %d held-out images,"
            + " %d segments, %.2f images/s%n",
        l.get("miou").asDouble(),
        l.get("miou_untrained").asDouble(),
        l.get("miou_clip_only").asDouble(),
        l.get("images").asInt(),
        l.get("segments").asInt(),
        l.get("images_per_second").asDouble());
    StringBuilder top = new StringBuilder();
    for (JsonNode h : s.get("query").get("top")) {
      top.append(
          String.format(
              " %s/%s (%.3f)",
              h.get("image_id").asText(), h.get("segment_id").asText(), h.get("score").asDouble()));
    }
    System.out.printf("  query       \"%s\":%s%n", s.get("query").get("text").asText(), top);
    System.out.println("  summary     " + paths.root().resolve("summary.json"));
    System.out.println("  report      " + paths.root().resolve("report.html"));
    if (!countsMatch) {
      System.out.println(
          "  MISMATCH: the pairs table should have one row per annotated train segment ("
              + train.annotations()
              + ")");
    }
  }

  static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  static double round4(double v) {
    return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : v;
  }
}
