package ai.use.common.toy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.use.common.mask.BinaryMask;
import ai.use.common.mask.CocoRle;
import ai.use.common.mask.Rle;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the default world, generated once, file by file against its own annotations. */
class ToyWorldConsistencyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ToyWorldSpec SPEC = ToyWorldSpec.defaults(2024);

  @TempDir static Path root;
  private static ToyWorldSummary summary;

  @BeforeAll
  static void generate() throws IOException {
    summary = ToyWorldGenerator.generate(SPEC, root);
  }

  private static JsonNode json(String relative) throws IOException {
    return MAPPER.readTree(root.resolve(relative).toFile());
  }

  private static JsonNode instances(ToySplit split) throws IOException {
    return json("annotations/instances_" + split.label() + ".json");
  }

  private static Map<Integer, JsonNode> byId(JsonNode annotations) {
    Map<Integer, JsonNode> map = new HashMap<>();
    for (JsonNode a : annotations) {
      assertThat(map.put(a.get("id").asInt(), a)).as("duplicate id %s", a.get("id")).isNull();
    }
    return map;
  }

  private static Map<Integer, List<JsonNode>> byImage(JsonNode annotations) {
    Map<Integer, List<JsonNode>> map = new HashMap<>();
    for (JsonNode a : annotations) {
      map.computeIfAbsent(a.get("image_id").asInt(), k -> new ArrayList<>()).add(a);
    }
    return map;
  }

  private static Rle rle(JsonNode annotation) {
    JsonNode segmentation = annotation.get("segmentation");
    return new Rle(
        segmentation.get("size").get(0).asInt(),
        segmentation.get("size").get(1).asInt(),
        segmentation.get("counts").asText());
  }

  @Test
  void specJsonRecordsVersionSeedAndClasses() throws IOException {
    JsonNode spec = json("spec.json");

    assertThat(spec.get("spec_version").asInt()).isEqualTo(ToyWorldSpec.SPEC_VERSION);
    assertThat(spec.get("seed").asLong()).isEqualTo(2024);
    assertThat(spec.get("splits").get("heldout").get("images").asInt()).isEqualTo(60);
    assertThat(spec.get("classes").get("parts")).hasSize(12);
    assertThat(Files.readAllLines(root.resolve("semantic/objects/classes.txt")))
        .containsExactly("circle", "square", "triangle", "diamond");
    assertThat(Files.readAllLines(root.resolve("semantic/parts/classes.txt")))
        .hasSize(12)
        .startsWith("circle body", "circle top", "circle handle", "square body")
        .endsWith("diamond handle");
    JsonNode info = instances(ToySplit.TRAIN).get("info");
    assertThat(info.get("spec_version").asInt()).isEqualTo(1);
    assertThat(info.get("seed").asLong()).isEqualTo(2024);
  }

  @Test
  void categoriesAgreeWithClassesTxt() throws IOException {
    List<String> objects = Files.readAllLines(root.resolve("semantic/objects/classes.txt"));
    List<String> parts = Files.readAllLines(root.resolve("semantic/parts/classes.txt"));
    for (JsonNode c : instances(ToySplit.TRAIN).get("categories")) {
      int id = c.get("id").asInt();
      if (c.get("supercategory").asText().equals("object")) {
        assertThat(c.get("name").asText()).isEqualTo(objects.get(id - 1));
      } else {
        assertThat(c.get("name").asText()).isEqualTo(parts.get(id - 101));
      }
    }
    assertThat(instances(ToySplit.TRAIN).get("categories")).hasSize(16);
  }

  @Test
  void heldoutSplitHasAtLeast200Objects() {
    ToyWorldSummary.Split heldout = summary.split(ToySplit.HELDOUT);
    assertThat(heldout.images()).isEqualTo(60);
    assertThat(heldout.objects()).isGreaterThanOrEqualTo(200);
    assertThat(summary.split(ToySplit.TRAIN).images()).isEqualTo(240);
  }

  @ParameterizedTest
  @EnumSource(ToySplit.class)
  void masksAreInsideTheImagePartsInsideObjectsObjectsDisjoint(ToySplit split) throws IOException {
    JsonNode instances = instances(split);
    Map<Integer, List<JsonNode>> perImage = byImage(instances.get("annotations"));
    Map<Integer, JsonNode> all = byId(instances.get("annotations"));
    for (JsonNode image : instances.get("images")) {
      int h = image.get("height").asInt();
      int w = image.get("width").asInt();
      assertThat(root.resolve("images/" + split.label() + "/" + image.get("file_name").asText()))
          .isRegularFile();
      Map<Integer, BinaryMask> masks = new HashMap<>();
      List<JsonNode> annotations = perImage.get(image.get("id").asInt());
      Map<Integer, Set<String>> partsOf = new HashMap<>();
      for (JsonNode a : annotations) {
        Rle rle = rle(a);
        assertThat(rle.height()).isEqualTo(h);
        assertThat(rle.width()).isEqualTo(w);
        BinaryMask mask = CocoRle.decode(rle);
        masks.put(a.get("id").asInt(), mask);
        assertThat(a.get("area").asLong()).isEqualTo(CocoRle.area(rle)).isPositive();
        assertThat(a.get("iscrowd").asInt()).isZero();
        if (a.get("granularity").asText().equals("part")) {
          JsonNode parent = all.get(a.get("parent_id").asInt());
          assertThat(parent.get("granularity").asText()).isEqualTo("object");
          assertThat(parent.get("image_id").asInt()).isEqualTo(a.get("image_id").asInt());
          partsOf
              .computeIfAbsent(parent.get("id").asInt(), k -> new HashSet<>())
              .add(a.get("attributes").get("part").asText());
        } else {
          assertThat(a.get("parent_id").isNull()).isTrue();
        }
      }
      List<Integer> objectIds = new ArrayList<>();
      for (JsonNode a : annotations) {
        int id = a.get("id").asInt();
        if (a.get("granularity").asText().equals("part")) {
          BinaryMask part = masks.get(id);
          BinaryMask object = masks.get(a.get("parent_id").asInt());
          assertThat(part.intersectionArea(object))
              .as("part %s inside its object", id)
              .isEqualTo(part.area());
        } else {
          objectIds.add(id);
          assertThat(partsOf.get(id)).as("parts of %s", id).contains("body", "top");
        }
      }
      for (int i = 0; i < objectIds.size(); i++) {
        for (int j = i + 1; j < objectIds.size(); j++) {
          assertThat(masks.get(objectIds.get(i)).intersectionArea(masks.get(objectIds.get(j))))
              .isZero();
        }
      }
      // an object is exactly the union of its parts
      for (int objectId : objectIds) {
        BinaryMask union = new BinaryMask(h, w);
        for (JsonNode a : annotations) {
          if (a.get("parent_id").asInt(-1) == objectId) {
            union.orInPlace(masks.get(a.get("id").asInt()));
          }
        }
        assertThat(union).isEqualTo(masks.get(objectId));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ToySplit.class)
  void labelMapsEqualTheInstanceMasks(ToySplit split) throws IOException {
    JsonNode instances = instances(split);
    Map<Integer, List<JsonNode>> perImage = byImage(instances.get("annotations"));
    for (JsonNode image : instances.get("images")) {
      int h = image.get("height").asInt();
      int w = image.get("width").asInt();
      int[] objectsExpected = new int[h * w];
      int[] partsExpected = new int[h * w];
      for (JsonNode a : perImage.get(image.get("id").asInt())) {
        boolean part = a.get("granularity").asText().equals("part");
        int value = part ? a.get("category_id").asInt() - 100 : a.get("category_id").asInt();
        int[] target = part ? partsExpected : objectsExpected;
        BinaryMask mask = CocoRle.decode(rle(a));
        for (int i = 0; i < h * w; i++) {
          if (mask.getRowMajor(i)) {
            assertThat(target[i]).as("pixel %s covered twice", i).isZero();
            target[i] = value;
          }
        }
      }
      String name = image.get("file_name").asText();
      assertThat(labels(root.resolve("semantic/objects/" + split.label() + "/" + name), h, w))
          .isEqualTo(objectsExpected);
      assertThat(labels(root.resolve("semantic/parts/" + split.label() + "/" + name), h, w))
          .isEqualTo(partsExpected);
    }
  }

  private static int[] labels(Path png, int h, int w) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThat(image.getWidth()).isEqualTo(w);
    assertThat(image.getHeight()).isEqualTo(h);
    Raster raster = image.getRaster();
    return raster.getSamples(0, 0, w, h, 0, new int[w * h]);
  }

  @ParameterizedTest
  @EnumSource(ToySplit.class)
  void captionSpansNameAnnotationsOfTheirGranularity(ToySplit split) throws IOException {
    Map<Integer, JsonNode> annotations = byId(instances(split).get("annotations"));
    JsonNode captions = json("annotations/captions_" + split.label() + ".json");
    Set<Integer> named = new HashSet<>();
    for (JsonNode caption : captions.get("annotations")) {
      String text = caption.get("caption").asText();
      assertThat(caption.get("phrases")).isNotEmpty();
      for (JsonNode p : caption.get("phrases")) {
        assertThat(text.substring(p.get("start").asInt(), p.get("end").asInt()))
            .isEqualTo(p.get("text").asText());
        JsonNode a = annotations.get(p.get("ann_id").asInt());
        assertThat(a).as("annotation %s", p.get("ann_id")).isNotNull();
        assertThat(a.get("granularity").asText()).isEqualTo(p.get("granularity").asText());
        assertThat(a.get("image_id").asInt()).isEqualTo(caption.get("image_id").asInt());
        assertThat(p.get("text").asText()).contains(a.get("attributes").get("colour").asText());
        named.add(a.get("id").asInt());
      }
    }
    for (JsonNode a : annotations.values()) {
      boolean body = "body".equals(a.get("attributes").get("part").asText());
      assertThat(named.contains(a.get("id").asInt()))
          .as("annotation %s named", a.get("id"))
          .isEqualTo(!body);
    }
  }

  @ParameterizedTest
  @EnumSource(ToySplit.class)
  void referringBoxesEqualAnnotationBoxes(ToySplit split) throws IOException {
    Map<Integer, JsonNode> annotations = byId(instances(split).get("annotations"));
    JsonNode referring = json("annotations/referring_" + split.label() + ".json");
    assertThat(referring.get("annotations")).hasSize(annotations.size());
    for (JsonNode r : referring.get("annotations")) {
      JsonNode a = annotations.get(r.get("ann_id").asInt());
      long[] bbox = CocoRle.bboxXywh(rle(a));
      assertThat(r.get("bbox")).isEqualTo(a.get("bbox"));
      assertThat(MAPPER.convertValue(a.get("bbox"), long[].class)).containsExactly(bbox);
      assertThat(r.get("granularity")).isEqualTo(a.get("granularity"));
      assertThat(r.get("phrase").asText())
          .isEqualTo(
              "the "
                  + (a.get("granularity").asText().equals("object")
                      ? a.get("attributes").get("size").asText() + " "
                      : "")
                  + a.get("text").asText());
    }
  }
}
