package ai.use.model.pairs;

import ai.use.common.coco.CocoAnnotation;
import ai.use.common.coco.CocoDataset;
import ai.use.common.coco.CocoImage;
import ai.use.common.coco.CocoReader;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores pairs against the truth of a generated toy world (docs/toy-world.md): every caption span
 * of {@code annotations/captions_<split>.json} names an annotation id, whose mask is in {@code
 * annotations/instances_<split>.json}.
 *
 * <p>A pair's main span is matched to the truth span of the same caption that overlaps it and ends
 * at the same character (the head noun ends an English noun phrase, so "large red circle" and "a
 * large red circle" match, "a large red circle with a blue top" does not match "a blue top"). The
 * pair is correct when such a span exists and its mask has IoU ≥ 0.5 with that span's annotation; a
 * pair whose span matches no truth span is wrong. Object recall = distinct objects named by a span
 * that have a correct pair ÷ distinct objects named by a span; likewise for parts. Caption ids are
 * the file's caption ids, so pairs must come from the same captions file.
 */
public final class ToyPairScorer {
  /** The IoU at or above which a pair's mask is its true segment's. */
  public static final double MIN_IOU = 0.5;

  private record Truth(long annId, boolean part, int start, int end) {}

  private final Map<Long, List<Truth>> spansByCaption = new HashMap<>();
  private final Map<Long, String> fileByCaption = new HashMap<>();
  private final Map<Long, Rle> masks = new HashMap<>();
  private final Set<Long> mentionedObjects = new HashSet<>();
  private final Set<Long> mentionedParts = new HashSet<>();

  private ToyPairScorer() {}

  /**
   * Reads the truth of {@code split} ({@code heldout} or {@code train}) of the world at {@code
   * world}.
   */
  public static ToyPairScorer of(Path world, String split) throws IOException {
    ToyPairScorer s = new ToyPairScorer();
    Path instancesFile = world.resolve("annotations/instances_" + split + ".json");
    CocoDataset instances;
    try (InputStream in = Files.newInputStream(instancesFile)) {
      instances = CocoReader.readInstances(in, instancesFile.toString());
    }
    for (CocoAnnotation a : instances.annotations()) {
      CocoImage image = instances.images().get(a.imageId());
      s.masks.put(a.id(), a.segmentation().toRle(image.height(), image.width()));
    }
    JsonNode captions =
        new ObjectMapper()
            .readTree(world.resolve("annotations/captions_" + split + ".json").toFile());
    for (JsonNode c : captions.path("annotations")) {
      long id = c.path("id").asLong();
      CocoImage image = instances.images().get(c.path("image_id").asLong());
      s.fileByCaption.put(id, image.fileName());
      List<Truth> spans = new ArrayList<>();
      for (JsonNode p : c.path("phrases")) {
        boolean part = "part".equals(p.path("granularity").asText());
        long ann = p.path("ann_id").asLong();
        spans.add(new Truth(ann, part, p.path("start").asInt(), p.path("end").asInt()));
        (part ? s.mentionedParts : s.mentionedObjects).add(ann);
      }
      s.spansByCaption.put(id, spans);
    }
    return s;
  }

  /** Scores {@code pairs} (all pairs of the split's images). */
  public PairScores score(Iterable<ScoredPair> pairs) {
    long[] objects = new long[2];
    long[] parts = new long[2];
    long unmatched = 0;
    Set<Long> found = new HashSet<>();
    for (ScoredPair pair : pairs) {
      long[] tally = pair.part() ? parts : objects;
      tally[0]++;
      Truth truth = match(pair);
      if (truth == null) {
        unmatched++;
        continue;
      }
      Rle expected = masks.get(truth.annId());
      if (expected != null && CocoRle.iou(pair.mask(), expected) >= MIN_IOU) {
        tally[1]++;
        found.add(truth.annId());
      }
    }
    long objectsFound = mentionedObjects.stream().filter(found::contains).count();
    long partsFound = mentionedParts.stream().filter(found::contains).count();
    return new PairScores(
        objects[0],
        objects[1],
        mentionedObjects.size(),
        objectsFound,
        parts[0],
        parts[1],
        mentionedParts.size(),
        partsFound,
        unmatched);
  }

  private Truth match(ScoredPair pair) {
    TextSpan span = pair.primary();
    if (!pair.fileName().equals(fileByCaption.get(span.captionId()))) {
      return null;
    }
    for (Truth t : spansByCaption.getOrDefault(span.captionId(), List.of())) {
      if (t.end() == span.end() && t.start() < span.end() && span.start() < t.end()) {
        return t;
      }
    }
    return null;
  }
}
