package ai.use.jobs.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bounded heaps filled per "partition" and merged equal a full sort, for segments and images. */
class TopKTest {
  private static Hit hit(double score, String image, String segment) {
    return new Hit(
        score, image, segment, "file:/" + image, "m", "2026-11-24", new double[4], 1, 1, 1, "1");
  }

  private static List<Hit> randomHits(Random random, int n) {
    List<Hit> hits = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // coarse scores force ties, which the total order must break the same way everywhere
      hits.add(hit(random.nextInt(50) / 50.0, "img" + random.nextInt(40), "s" + i));
    }
    return hits;
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  /** Splits hits into partitions, fills one (serialized) TopK each and merges them in a tree. */
  private static List<Hit> viaPartitions(List<Hit> hits, int partitions, int k, boolean byImage)
      throws Exception {
    List<TopK> parts = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      TopK top = new TopK(1, k, byImage);
      for (int i = p; i < hits.size(); i += partitions) {
        top.offer(0, hits.get(i));
      }
      parts.add(roundTrip(top.seal()));
    }
    while (parts.size() > 1) {
      List<TopK> next = new ArrayList<>();
      for (int i = 0; i < parts.size(); i += 2) {
        next.add(i + 1 < parts.size() ? parts.get(i).merge(parts.get(i + 1)) : parts.get(i));
      }
      parts = next;
    }
    return parts.get(0).results(0);
  }

  /** Hits compared by value (records with arrays compare arrays by reference). */
  private static List<String> keys(List<Hit> hits) {
    return hits.stream().map(h -> h.score() + "/" + h.imageId() + "/" + h.segmentId()).toList();
  }

  @Test
  void segmentModeEqualsAFullSortForAnyPartitioning() throws Exception {
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      List<Hit> hits = randomHits(random, 300);
      List<Hit> expected = hits.stream().sorted(Hit.BEST_FIRST).limit(10).toList();
      for (int partitions : new int[] {1, 3, 7, 64}) {
        assertThat(keys(viaPartitions(hits, partitions, 10, false)))
            .containsExactlyElementsOf(keys(expected));
      }
    }
  }

  @Test
  void imageModeKeepsEachImagesBestSegmentExactly() throws Exception {
    Random random = new Random(4);
    for (int trial = 0; trial < 20; trial++) {
      List<Hit> hits = randomHits(random, 300);
      Map<String, Hit> best = new LinkedHashMap<>();
      for (Hit h : hits) {
        best.merge(h.imageId(), h, (a, b) -> Hit.BEST_FIRST.compare(a, b) <= 0 ? a : b);
      }
      List<Hit> expected = best.values().stream().sorted(Hit.BEST_FIRST).limit(5).toList();
      for (int partitions : new int[] {1, 2, 5, 50}) {
        List<Hit> got = viaPartitions(hits, partitions, 5, true);
        assertThat(keys(got)).containsExactlyElementsOf(keys(expected));
        assertThat(got).extracting(Hit::imageId).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void ordersByScoreThenIds() {
    List<Hit> hits =
        new ArrayList<>(
            List.of(
                hit(0.5, "b", "1"), hit(0.9, "c", "1"), hit(0.5, "a", "2"), hit(0.5, "a", "1")));
    hits.sort(Hit.BEST_FIRST);
    assertThat(hits)
        .extracting(h -> h.imageId() + h.segmentId())
        .containsExactly("c1", "a1", "a2", "b1");
    assertThat(hits).isSortedAccordingTo(Comparator.comparing(Hit::score).reversed());
    assertThatThrownBy(() -> new TopK(1, 0, false)).hasMessageContaining("--top must be positive");
  }
}
