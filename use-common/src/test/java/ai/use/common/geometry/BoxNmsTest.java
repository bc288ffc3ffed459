package ai.use.common.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoxNmsTest {

  // The classic set. Pairwise IoUs (all others are 0):
  //   A-B: inter 9*9 = 81, union 100 + 100 - 81 = 119 -> 0.681
  //   A-D: inter 10*5 = 50, union 100 + 50 - 50 = 100 -> 0.5 exactly
  //   B-D: inter [1,1,10,5] = 9*4 = 36, union 100 + 50 - 36 = 114 -> 0.316
  //   C-E: inter 5*5 = 25, union 100 + 100 - 25 = 175 -> 0.143
  // Visiting order by score: D(3) .95, A(0) .9, B(1) .8, C(2) .7, E(4) .6
  private static final List<BoxXyxy> BOXES =
      List.of(
          new BoxXyxy(0, 0, 10, 10), // A
          new BoxXyxy(1, 1, 11, 11), // B
          new BoxXyxy(20, 20, 30, 30), // C
          new BoxXyxy(0, 0, 10, 5), // D
          new BoxXyxy(25, 25, 35, 35)); // E
  private static final double[] SCORES = {0.9, 0.8, 0.7, 0.95, 0.6};

  @ParameterizedTest(name = "threshold {0} keeps {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        // D kept; A (0.5) and B (0.316) suppressed by D; C kept; E (0.143) suppressed by C
        "0.1; 3,2",
        // D kept; A (0.5 > 0.3) and B (0.316 > 0.3) suppressed; C, E kept
        "0.3; 3,2,4",
        // D kept; A survives (0.5 is not > 0.5); B suppressed by A (0.681); C, E kept
        "0.5; 3,0,2,4",
        // nothing above 0.7: all kept, by decreasing score
        "0.7; 3,0,1,2,4",
        // 0: any positive overlap suppresses; A, B by D, E by C
        "0.0; 3,2",
      })
  void classicSet(double threshold, String expected) {
    assertThat(BoxNms.nms(BOXES, SCORES, threshold)).containsExactly(ints(expected));
  }

  @Test
  void iouExactlyAtTheThresholdIsNotSuppressed() {
    List<BoxXyxy> boxes = List.of(new BoxXyxy(0, 0, 10, 10), new BoxXyxy(0, 0, 10, 5));
    assertThat(boxes.get(0).iou(boxes.get(1))).isEqualTo(0.5);
    assertThat(BoxNms.nms(boxes, new double[] {0.9, 0.8}, 0.5)).containsExactly(0, 1);
    assertThat(BoxNms.nms(boxes, new double[] {0.9, 0.8}, Math.nextDown(0.5))).containsExactly(0);
  }

  @Test
  void thresholdOneKeepsEvenIdenticalBoxes() {
    List<BoxXyxy> boxes = List.of(new BoxXyxy(0, 0, 1, 1), new BoxXyxy(0, 0, 1, 1));
    assertThat(BoxNms.nms(boxes, new double[] {0.1, 0.2}, 1.0)).containsExactly(1, 0);
  }

  @Test
  void touchingBoxesNeverSuppressEvenAtThresholdZero() {
    List<BoxXyxy> boxes = List.of(new BoxXyxy(0, 0, 1, 1), new BoxXyxy(1, 0, 2, 1));
    assertThat(BoxNms.nms(boxes, new double[] {0.5, 0.9}, 0.0)).containsExactly(1, 0);
  }

  @Test
  void equalScoresKeepTheLowerIndex() {
    BoxXyxy box = new BoxXyxy(0, 0, 4, 4);
    assertThat(BoxNms.nms(List.of(box, box, box), new double[] {0.5, 0.5, 0.5}, 0.5))
        .containsExactly(0);
    // the same box given later with the same score loses, whatever the input order
    List<BoxXyxy> boxes = List.of(new BoxXyxy(0, 0, 4, 4), new BoxXyxy(0, 0, 4, 3));
    assertThat(BoxNms.nms(boxes, new double[] {0.5, 0.5}, 0.5)).containsExactly(0);
    assertThat(BoxNms.nms(List.of(boxes.get(1), boxes.get(0)), new double[] {0.5, 0.5}, 0.5))
        .containsExactly(0);
    // -0.0 and 0.0 are one score
    assertThat(BoxNms.nms(List.of(box, box), new double[] {-0.0, 0.0}, 0.5)).containsExactly(0);
  }

  @Test
  void equalScoresAreReturnedInIndexOrder() {
    List<BoxXyxy> boxes =
        List.of(new BoxXyxy(0, 0, 1, 1), new BoxXyxy(5, 5, 6, 6), new BoxXyxy(9, 9, 10, 10));
    assertThat(BoxNms.nms(boxes, new double[] {0.5, 0.5, 0.5}, 0.5)).containsExactly(0, 1, 2);
    assertThat(BoxNms.nms(boxes, new double[] {0.5, 0.9, 0.5}, 0.5)).containsExactly(1, 0, 2);
  }

  @Test
  void noBoxes() {
    assertThat(BoxNms.nms(List.of(), new double[0], 0.5)).isEmpty();
    assertThat(BoxNms.batchedNms(List.of(), new double[0], new int[0], 0.5)).isEmpty();
  }

  @Test
  void batchedNmsNeverSuppressesAcrossCategories() {
    // A and C are the same box in different categories; B overlaps A in A's category
    List<BoxXyxy> boxes =
        List.of(
            new BoxXyxy(0, 0, 10, 10), // A, cat 0, .9
            new BoxXyxy(1, 1, 11, 11), // B, cat 0, .8  (IoU 0.681 with A)
            new BoxXyxy(0, 0, 10, 10), // C, cat 1, .85 (IoU 1 with A, other category)
            new BoxXyxy(0, 0, 10, 10), // D, cat 1, .7  (IoU 1 with C)
            new BoxXyxy(1, 1, 11, 11)); // E, cat 2, .95 (alone in its category)
    double[] scores = {0.9, 0.8, 0.85, 0.7, 0.95};

    assertThat(BoxNms.batchedNms(boxes, scores, new int[] {0, 0, 1, 1, 2}, 0.5))
        .containsExactly(4, 0, 2);
    // one category: plain NMS; E suppresses A, C, D (IoU 0.681) and B (identical to E)
    assertThat(BoxNms.batchedNms(boxes, scores, new int[5], 0.5))
        .containsExactly(BoxNms.nms(boxes, scores, 0.5))
        .containsExactly(4);
    // every box its own category: nothing suppressed
    assertThat(BoxNms.batchedNms(boxes, scores, new int[] {0, 1, 2, 3, 4}, 0.5))
        .containsExactly(4, 0, 2, 1, 3);
  }

  @Test
  void batchedNmsEqualsPerCategoryNmsMergedByScore() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int n = random.nextInt(30);
      List<BoxXyxy> boxes = new ArrayList<>();
      double[] scores = new double[n];
      int[] categories = new int[n];
      for (int i = 0; i < n; i++) {
        double x = random.nextInt(20);
        double y = random.nextInt(20);
        boxes.add(new BoxXyxy(x, y, x + 1 + random.nextInt(10), y + 1 + random.nextInt(10)));
        scores[i] = random.nextInt(5) / 4.0; // many ties
        categories[i] = random.nextInt(3);
      }
      double threshold = random.nextInt(11) / 10.0;

      List<Integer> expected = new ArrayList<>();
      for (int category = 0; category < 3; category++) {
        int c = category;
        int[] members = IntStream.range(0, n).filter(i -> categories[i] == c).toArray();
        List<BoxXyxy> sub = Arrays.stream(members).mapToObj(boxes::get).toList();
        double[] subScores = Arrays.stream(members).mapToDouble(i -> scores[i]).toArray();
        for (int k : BoxNms.nms(sub, subScores, threshold)) {
          expected.add(members[k]);
        }
      }
      expected.sort(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));

      assertThat(BoxNms.batchedNms(boxes, scores, categories, threshold))
          .containsExactly(expected.stream().mapToInt(i -> i).toArray());
    }
  }

  @Test
  void rejectsBadInputNamingIt() {
    List<BoxXyxy> boxes = List.of(new BoxXyxy(0, 0, 1, 1));
    assertThatThrownBy(() -> BoxNms.nms(boxes, new double[] {0.1, 0.2}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scores.length must equal the number of boxes (1), got 2");
    assertThatThrownBy(() -> BoxNms.nms(boxes, new double[] {Double.NaN}, 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("scores[0] is NaN; every score must be a number");
    assertThatThrownBy(() -> BoxNms.nms(boxes, new double[] {0.1}, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("iouThreshold must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> BoxNms.batchedNms(boxes, new double[] {0.1}, new int[2], 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("categories.length must equal the number of boxes (1), got 2");
  }

  static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
  }
}
