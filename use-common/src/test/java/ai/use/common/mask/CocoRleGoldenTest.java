package ai.use.common.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.use.common.testing.Golden;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code golden/coco-rle.json} and {@code golden/coco-poly.json}, byte for byte. */
class CocoRleGoldenTest {

  static Stream<Arguments> rleCases() {
    return cases("coco-rle.json", "cases");
  }

  static Stream<Arguments> iouCases() {
    return cases("coco-rle.json", "iou");
  }

  static Stream<Arguments> polygonCases() {
    return cases("coco-poly.json", "cases");
  }

  private static Stream<Arguments> cases(String file, String field) {
    JsonNode node = Golden.read(file).get(field);
    return StreamSupport.stream(node.spliterator(), false).map(Arguments::of);
  }

  @ParameterizedTest
  @MethodSource("rleCases")
  void encodesDecodesAreaAndBboxLikeTheCocoApi(JsonNode c) {
    BinaryMask mask = fromHex(c.get("height").asInt(), c.get("width").asInt(), c.get("mask_hex"));
    Rle rle = CocoRle.encode(mask);

    assertThat(rle.counts()).isEqualTo(c.get("counts").asText());
    assertThat(CocoRle.decode(rle)).isEqualTo(mask);
    assertThat(CocoRle.area(rle)).isEqualTo(c.get("area").asLong()).isEqualTo(mask.area());
    assertThat(CocoRle.bboxXywh(rle)).containsExactly(longs(c.get("bbox")));
  }

  @ParameterizedTest
  @MethodSource("iouCases")
  void iouLikeTheCocoApi(JsonNode c) {
    int h = c.get("height").asInt();
    int w = c.get("width").asInt();
    Rle a = new Rle(h, w, c.get("a").asText());
    Rle b = new Rle(h, w, c.get("b").asText());
    assertThat(CocoRle.iou(a, b)).isCloseTo(c.get("iou").asDouble(), within(1e-9));
    assertThat(CocoRle.iou(b, a)).isCloseTo(c.get("iou").asDouble(), within(1e-9));
  }

  @ParameterizedTest
  @MethodSource("polygonCases")
  void rasterizesPolygonsLikeTheCocoApi(JsonNode c) {
    List<Double> xy = new ArrayList<>();
    c.get("polygon").forEach(v -> xy.add(v.asDouble()));
    double[] polygon = xy.stream().mapToDouble(Double::doubleValue).toArray();
    Rle rle = PolygonRasterizer.rasterize(polygon, c.get("height").asInt(), c.get("width").asInt());

    assertThat(rle.counts()).isEqualTo(c.get("counts").asText());
    assertThat(CocoRle.area(rle)).isEqualTo(c.get("area").asLong());
    assertThat(CocoRle.bboxXywh(rle)).containsExactly(longs(c.get("bbox")));
  }

  private static long[] longs(JsonNode array) {
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }

  private static BinaryMask fromHex(int h, int w, JsonNode hex) {
    String s = hex.asText();
    boolean[] bits = new boolean[h * w];
    for (int i = 0; i < bits.length; i++) {
      int nibble = Character.digit(s.charAt(i / 4), 16);
      bits[i] = ((nibble >> (3 - i % 4)) & 1) != 0;
    }
    return BinaryMask.ofRowMajor(h, w, bits);
  }
}
