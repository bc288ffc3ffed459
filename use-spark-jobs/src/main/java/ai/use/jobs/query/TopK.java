package ai.use.jobs.query;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The best {@code k} hits of each of Q queries over some rows: one bounded heap per query (the
 * worst kept hit on top, so a row costs O(log k)). A partition fills one and partitions merge
 * pairwise ({@link #merge}), so memory is O(Q·k) per task and on the driver whatever the table's
 * size.
 *
 * <p>In image mode an image is ranked by its best segment. A partition keeps the best hit per image
 * ({@link #offer}) and keeps the k best images when sealed ({@link #seal}); a merge keeps the best
 * hit of an image seen on both sides. This is exact: an image of the global top k has its best
 * segment in some partition, where fewer than k images can beat it.
 */
final class TopK implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int k;
  private final boolean byImage;
  private final List<PriorityQueue<Hit>> heaps = new ArrayList<>();
  private transient List<Map<String, Hit>> bestPerImage;

  TopK(int queries, int k, boolean byImage) {
    if (k <= 0) {
      throw new IllegalArgumentException("--top must be positive, got " + k);
    }
    this.k = k;
    this.byImage = byImage;
    this.bestPerImage = new ArrayList<>();
    for (int q = 0; q < queries; q++) {
      heaps.add(new PriorityQueue<>(new WorstFirst()));
      bestPerImage.add(new HashMap<>());
    }
  }

  /** Offers the hit of query {@code q}. */
  void offer(int q, Hit hit) {
    if (byImage) {
      bestPerImage.get(q).merge(hit.imageId(), hit, TopK::better);
    } else {
      push(heaps.get(q), hit);
    }
  }

  /** Ends the filling phase of one partition (image mode: ranks the images seen); returns this. */
  TopK seal() {
    if (byImage && bestPerImage != null) {
      for (int q = 0; q < heaps.size(); q++) {
        for (Hit hit : bestPerImage.get(q).values()) {
          push(heaps.get(q), hit);
        }
      }
    }
    bestPerImage = null;
    return this;
  }

  /** Merges {@code other} (sealed) into this (sealed); returns this. */
  TopK merge(TopK other) {
    for (int q = 0; q < heaps.size(); q++) {
      PriorityQueue<Hit> heap = heaps.get(q);
      if (byImage) {
        Map<String, Hit> best = new HashMap<>();
        for (Hit hit : heap) {
          best.merge(hit.imageId(), hit, TopK::better);
        }
        for (Hit hit : other.heaps.get(q)) {
          best.merge(hit.imageId(), hit, TopK::better);
        }
        heap.clear();
        best.values().forEach(h -> push(heap, h));
      } else {
        other.heaps.get(q).forEach(h -> push(heap, h));
      }
    }
    return this;
  }

  /** The kept hits of query {@code q}, best first. */
  List<Hit> results(int q) {
    List<Hit> out = new ArrayList<>(heaps.get(q));
    out.sort(Hit.BEST_FIRST);
    return out;
  }

  private void push(PriorityQueue<Hit> heap, Hit hit) {
    if (heap.size() < k) {
      heap.add(hit);
    } else if (Hit.BEST_FIRST.compare(hit, heap.peek()) < 0) {
      heap.poll();
      heap.add(hit);
    }
  }

  /** Heap order: the worst kept hit on top (serializable: heaps travel between tasks). */
  private static final class WorstFirst implements Comparator<Hit>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Hit a, Hit b) {
      return Hit.BEST_FIRST.compare(b, a);
    }
  }

  private static Hit better(Hit a, Hit b) {
    return Hit.BEST_FIRST.compare(a, b) <= 0 ? a : b;
  }
}
